// Nice value of every thread of this process, from /proc (Linux): what background-priority.ts changes.
import fs from 'node:fs';

export function threadNices(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((t) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // a thread that ended while listed
    }
  });
}
