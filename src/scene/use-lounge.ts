import { useEffect, useState } from 'react';
import { Mesh, type Group, type Material } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import loungeUrl from '../../assets/environment/lounge.glb?url';

/** What loading the lounge came to: the room, still loading, or why it failed. */
export type LoungeLoad = { readonly room: Group; readonly error: null } | { readonly room: null; readonly error: string | null };

/** Marks the room static (its matrices are computed once) and lets it receive the avatars' light. */
function prepare(room: Group): void {
  room.traverse((object) => {
    object.updateMatrix();
    object.matrixAutoUpdate = false;
  });
  room.updateMatrixWorld(true);
}

function dispose(room: Group): void {
  room.traverse((object) => {
    if (!(object instanceof Mesh)) return;
    object.geometry.dispose();
    for (const m of ([] as Material[]).concat(object.material)) m.dispose();
  });
}

/**
 * Fetches the lounge (assets/environment/lounge.glb, made by scripts/tools/generate-environment.ts)
 * when the space is first shown: the landing page never downloads it. A failure is reported
 * once on the console and returned, so the scene keeps its plain floor and table.
 */
export function useLounge(): LoungeLoad {
  const [load, setLoad] = useState<LoungeLoad>({ room: null, error: null });
  useEffect(() => {
    let live = true;
    let loaded: Group | null = null;
    new GLTFLoader()
      .loadAsync(loungeUrl)
      .then((gltf) => {
        prepare(gltf.scene);
        if (!live) return dispose(gltf.scene);
        loaded = gltf.scene;
        setLoad({ room: gltf.scene, error: null });
      })
      .catch((error: unknown) => {
        const message = `The lounge (${loungeUrl}) could not be loaded: ${error instanceof Error ? error.message : String(error)}. Showing a plain floor instead.`;
        console.error(message);
        if (live) setLoad({ room: null, error: message });
      });
    return () => {
      live = false;
      if (loaded) dispose(loaded);
    };
  }, []);
  return load;
}
