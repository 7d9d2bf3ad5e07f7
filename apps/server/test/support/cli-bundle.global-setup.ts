import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { CLI_BUNDLE_ENV } from './run-cli.ts';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));

// npm packages stay outside the bundle and load from node_modules as under tsx; only the project's
// own TypeScript (server, @ombud/core, @ombud/contract) is compiled into one file.
const packagesStayExternal: Plugin = {
  name: 'packages-stay-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@ombud/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Vitest global setup: compiles the CLI once per run, with esbuild as tsx does, so that each
 * `ombud …` a test starts loads one file instead of transforming ~300 modules through tsx's loader
 * (about 1.5 s instead of 3.4 s of CPU per process on this machine). The file sits three folders
 * below apps/, like src/http/web-static.ts, so its `import.meta.url`-relative path to the web build
 * still resolves.
 */
export default async function setup(): Promise<() => void> {
  mkdirSync(join(serverDir, 'node_modules'), { recursive: true });
  const dir = mkdtempSync(join(serverDir, 'node_modules', '.ombud-cli-'));
  const outfile = join(dir, 'main.mjs');
  await build({
    entryPoints: [join(serverDir, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [packagesStayExternal],
    logLevel: 'warning',
  });
  process.env[CLI_BUNDLE_ENV] = outfile;
  return () => rmSync(dir, { recursive: true, force: true });
}
