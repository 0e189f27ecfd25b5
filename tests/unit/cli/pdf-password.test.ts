// --password-stdin: the password is the first line of what is piped in, or typed in a terminal.
// Input that ends with nothing on it (Ctrl-D at the prompt, an empty pipe) is refused at once
// with what to do, never left waiting.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pdfPassword } from '../../../electron/cli/pdf-password.ts';

const piped = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

describe('pdfPassword', () => {
  it('reads the first line of what is piped in, however it arrives', async () => {
    expect(await pdfPassword({ 'password-stdin': true }, piped('pw', ' 1', '5\r\nnot this\n'))).toBe('pw 15');
    expect(await pdfPassword({ 'password-stdin': true }, piped('no line ending'))).toBe('no line ending');
    // Without the flag, --password is what it was.
    expect(await pdfPassword({ password: 'given' }, piped('ignored\n'))).toBe('given');
  });

  it('refuses endless input without a line ending after reading a few KB', async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 1024;
        this.push(Buffer.alloc(1024, 0x78));
      },
    });
    await expect(pdfPassword({ 'password-stdin': true }, endless)).rejects.toThrow('longer than 1024 characters');
    expect(sent).toBeLessThan(64 * 1024);
  });

  it('in a terminal, Ctrl-D at the prompt is no password, refused at once', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    const asked = pdfPassword({ 'password-stdin': true }, tty);
    tty.end();
    await expect(asked).rejects.toThrow('--password-stdin read no password');
  });
});
