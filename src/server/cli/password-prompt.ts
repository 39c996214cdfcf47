// Reading a password for create-admin: never echoed on a terminal, or taken from a pipe.
import { OperatorError } from './operator.ts';

/** Asks once on a terminal with echo off (raw mode: we print nothing for the keys typed). */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  // Echo off BEFORE the prompt shows: keys typed as soon as it appears are never echoed.
  input.setRawMode(true);
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || (ch === '\u0004' && typed === '')) return finish(new InterruptedError());
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

class InterruptedError extends OperatorError {
  constructor() {
    super('Saisie interrompue : aucun compte modifié.');
  }
}

/** Everything piped on stdin, first line only (what `echo secret | npm run create-admin …` sends). */
async function readPiped(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk.toString();
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * The password from ADMIN_PASSWORD, else from a pipe, else asked twice on the terminal
 * (so a typo does not lock the operator out of the account they just created).
 */
export async function readNewPassword(): Promise<{ password: string; mismatch?: true }> {
  if (process.env.ADMIN_PASSWORD) return { password: process.env.ADMIN_PASSWORD };
  if (!process.stdin.isTTY) return { password: await readPiped() };
  const first = await askHidden('Mot de passe (8 caractères au moins, rien ne s’affiche) : ');
  const second = await askHidden('Retapez le mot de passe : ');
  return first === second ? { password: first } : { password: '', mismatch: true };
}
