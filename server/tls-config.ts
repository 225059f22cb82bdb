import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A PEM certificate and key for the room server. */
export interface TlsFiles {
  cert: string;
  key: string;
}

/**
 * HTTPS for the production server, from the environment:
 *   EMOTONE_TLS_CERT + EMOTONE_TLS_KEY  paths of PEM files (a real certificate), or
 *   HTTPS=1                             a self-signed certificate (cached under
 *                                       node_modules/.cache/emotone-https), as `npm run dev` uses;
 *                                       each device accepts the warning once.
 * Nothing set: plain HTTP (behind a TLS-terminating proxy, or for desktop use on localhost).
 * Throws with a clear message when the settings are incomplete or unreadable.
 */
export async function tlsFromEnv(env: NodeJS.ProcessEnv, repoRoot: string): Promise<TlsFiles | undefined> {
  const { EMOTONE_TLS_CERT: certPath, EMOTONE_TLS_KEY: keyPath } = env;
  if (certPath || keyPath) {
    if (!certPath || !keyPath) throw new Error('Set both EMOTONE_TLS_CERT and EMOTONE_TLS_KEY (PEM file paths).');
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]).catch((error: unknown) => {
      throw new Error(`Cannot read the TLS files: ${error instanceof Error ? error.message : String(error)}`);
    });
    return { cert, key };
  }
  if (env.HTTPS !== '1' && env.HTTPS !== 'true') return undefined;
  // The same generator Vite's dev server uses (@vitejs/plugin-basic-ssl): key and certificate in one PEM.
  const { getCertificate } = await import('@vitejs/plugin-basic-ssl').catch(() => {
    throw new Error('HTTPS=1 needs @vitejs/plugin-basic-ssl (a devDependency): run `npm install`, or use EMOTONE_TLS_CERT/KEY.');
  });
  const pem = await getCertificate(join(repoRoot, 'node_modules', '.cache', 'emotone-https'), 'emotone');
  return { cert: pem, key: pem };
}
