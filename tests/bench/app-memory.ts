// The whole app's resident memory while a bench runs: this process plus the reader processes it
// started (extraction, OCR page drawing), which its own maxRSS does not include. Sampled every
// 20 ms from /proc (Linux); the peak of the sum at one instant is what the machine had to hold.
import fs from 'node:fs';
import { liveChildPids } from '../../electron/services/isolation/spawn-child.ts';

const rssKb = (pid: number | 'self') => {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
  } catch {
    return 0; // ended between listing and reading
  }
};

export function watchAppMemory(): () => { peakMb: number; childrenPeakMb: number } {
  let peakKb = 0;
  let childrenPeakKb = 0;
  const sample = () => {
    const children = liveChildPids().reduce((sum, pid) => sum + rssKb(pid), 0);
    childrenPeakKb = Math.max(childrenPeakKb, children);
    peakKb = Math.max(peakKb, rssKb('self') + children);
  };
  const timer = setInterval(sample, 20);
  return () => {
    clearInterval(timer);
    sample();
    // Off Linux there is no /proc: this process's own peak is the floor.
    return { peakMb: Math.max(peakKb, process.resourceUsage().maxRSS) / 1024, childrenPeakMb: childrenPeakKb / 1024 };
  };
}
