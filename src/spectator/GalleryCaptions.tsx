import { useEffect, useState } from 'react';
import { EMOTION_COLOURS } from '../shared/emotion-colours';
import type { AppState, AppStore } from '../state';
import { useAppStore } from '../state/use-app-store';
import { galleryOrder } from './FaceGallery';
import { CAPTION_H, galleryTile } from './gallery-layout';

const selectPeers = (s: AppState): AppState['peers'] => s.peers;

/** The view's width, following resizes. */
function useViewWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

/** Name, emotion and confidence under each face of the gallery, with the tile's frame. */
export function GalleryCaptions({ store }: { readonly store: AppStore }) {
  const peers = useAppStore(store, selectPeers);
  const width = useViewWidth();
  const order = galleryOrder(store.getState());
  return (
    <div className="gallery" aria-label="Faces">
      {order.map((id, i) => {
        const peer = peers[id];
        const tile = galleryTile(i, width);
        if (!peer || !tile) return null;
        const colour = EMOTION_COLOURS[peer.emotion.label];
        return (
          <figure key={id} className="gallery-tile" data-testid="gallery-tile" data-session={id}
            style={{ left: tile.x, bottom: tile.y - CAPTION_H, width: tile.w, height: tile.h + CAPTION_H, borderColor: colour }}>
            <figcaption>
              <span className="gallery-name">{peer.name || 'guest'}</span>
              <span style={{ color: colour }}>{peer.emotion.label}</span> {Math.round(peer.emotion.confidence * 100)} %
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
