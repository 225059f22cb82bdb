/**
 * `npm run avatars`: writes the shipped VRM 1.0 avatars, assets/avatars/index.json and the
 * licence. Deterministic: running it twice gives identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESIGNS } from './avatar-gen/designs';
import { AVATAR_LICENCE, AVATAR_LICENCE_URL } from './avatar-gen/vrm-extension';
import { buildVrm } from './avatar-gen/vrm-file';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'avatars');
mkdirSync(outDir, { recursive: true });

const avatars = DESIGNS.map((design) => {
  const file = `${design.id}.vrm`;
  const glb = buildVrm(design);
  writeFileSync(join(outDir, file), glb);
  console.log(`${file.padEnd(12)} ${(glb.byteLength / 1024).toFixed(1).padStart(6)} KB  ${design.name}`);
  return { id: design.id, name: design.name, file, colour: design.top, licence: AVATAR_LICENCE };
});

writeFileSync(join(outDir, 'index.json'), `${JSON.stringify({ licence: AVATAR_LICENCE, avatars }, null, 2)}\n`);
writeFileSync(
  join(outDir, 'LICENSE'),
  `The avatars in this folder (${avatars.map((a) => a.file).join(', ')}) were generated
procedurally by scripts/tools/generate-avatars.ts in this repository. They contain no third-party
material (no textures, no scanned or downloaded meshes).

To the extent possible under law, the EmoTone contributors have waived all copyright and related
or neighboring rights to these avatar files, dedicating them to the public domain under
Creative Commons CC0 1.0 Universal: ${AVATAR_LICENCE_URL}
(full text: https://creativecommons.org/publicdomain/zero/1.0/legalcode).

Inside each file the VRMC_vrm meta records the same terms using the VRM 1.0 licence fields
(licenseUrl https://vrm.dev/licenses/1.0/, avatarPermission everyone, commercialUsage
corporation, allowRedistribution true, modification allowModificationRedistribution,
creditNotation unnecessary, otherLicenseUrl CC0 1.0).
`,
);
console.log(`wrote ${avatars.length} avatars, index.json and LICENSE to ${outDir}`);
