import { execFileSync } from 'node:child_process';

/** Reads files as they were at a base revision of the repository. */
export class GitBase {
  private constructor(
    private readonly root: string,
    /** The resolved commit. */
    readonly commit: string,
    /** What the user asked for, e.g. `main` or `HEAD~1`, for the report. */
    readonly label: string,
  ) {}

  /**
   * The base to compare with: `--base REF` when given, else the merge-base of
   * HEAD with `main` (on main itself: HEAD, so uncommitted edits are what is
   * checked).
   */
  static resolve(root: string, base?: string): GitBase {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    const label = base ?? 'merge-base of HEAD and main';
    try {
      const commit = base ? git('rev-parse', '--verify', `${base}^{commit}`) : git('merge-base', 'HEAD', 'main');
      return new GitBase(root, commit, label);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(`Cannot resolve the base revision (${label}): ${reason}. Pass --base <ref>.`);
    }
  }

  /** The file's text at the base, or undefined when it did not exist there. */
  read(path: string): string | undefined {
    try {
      return execFileSync('git', ['show', `${this.commit}:${path}`], {
        cwd: this.root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch {
      return undefined;
    }
  }
}
