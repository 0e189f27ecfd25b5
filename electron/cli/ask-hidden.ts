// A secret typed at the terminal (a key's passphrase, a PDF's password): asked on stderr, so
// stdout stays the command's output, and nothing of it echoed while it is typed.
import readline from 'node:readline';

export async function askHidden(prompt: string, input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const rl = readline.createInterface({ input, output: process.stderr, terminal: true });
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes(prompt)) process.stderr.write(prompt);
  };
  // Ctrl-D (the input closing) answers nothing, rather than leaving the question open for ever.
  const answer = await new Promise<string>((resolve) => {
    rl.once('close', () => resolve(''));
    rl.question(prompt, resolve);
  });
  rl.close();
  process.stderr.write('\n');
  return answer;
}
