import { spawn } from 'node:child_process';
import type { Problem } from '../core/problem.js';

// `build --open`: show the outputs with the program the desktop opens that kind of file with.

/** The desktop's own opener: `open` on macOS, `start` on Windows, xdg-open on Linux and the BSDs. */
export function openerFor(path: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [path]];
  // start is a command of cmd itself; its first quoted argument is a window title, hence the "".
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', path]];
  return ['xdg-open', [path]];
}

/**
 * Open a file or folder and return without waiting for the program it starts. A machine with no
 * desktop (a server, CI) has no opener: a warning, since the files were made all the same.
 */
export function openPath(path: string, platform: NodeJS.Platform = process.platform): Promise<Problem | undefined> {
  const [command, args] = openerFor(path, platform);
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: platform === 'win32' });
    child.once('error', (e) =>
      resolve({
        severity: 'warning', code: 'env/open',
        message: `${path} を開けませんでした（${command}: ${(e as NodeJS.ErrnoException).code ?? e.message}）。ファイルはできています。`,
        hint: 'デスクトップのない環境では --open を付けずに、出力先をファイルの一覧から開いてください。',
      }),
    );
    child.once('spawn', () => {
      child.unref();
      resolve(undefined);
    });
  });
}
