import { read } from 'read';

/** Asks for a secret on the terminal without echoing it (npm's own `read` package). */
export function readSecret(prompt: string): Promise<string> {
  return read({ prompt, silent: true, replace: '*' });
}
