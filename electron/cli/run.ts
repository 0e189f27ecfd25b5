// Entry point of `npm run -s credence -- …`. Runs from source on the project's Node 22.
import { runCli } from './main.ts';

const code = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
});
process.exitCode = code;
