import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { CanvasTexture, Group, LinearFilter, Vector3 } from 'three';
import { useSceneServices } from '../scene/scene-services';
import { ActivityPhase } from '../shared/engagement';
import type { AppState } from '../state';
import { useAppStore } from '../state/use-app-store';
import { activityHeadline, formatScore, scoreboard, secondsLeft } from '../ui/engagement-text';
import { MenuButton } from './MenuButton';

const selectActivity = (s: AppState) => s.activity;
const ROWS = 6;

/** Paints the board's lines (as text, never markup). */
function paint(ctx: CanvasRenderingContext2D, lines: readonly string[]): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = 'rgba(20, 26, 36, 0.86)';
  ctx.beginPath();
  ctx.roundRect(4, 4, width - 8, height - 8, 24);
  ctx.fill();
  ctx.textAlign = 'left';
  lines.forEach((line, i) => {
    ctx.fillStyle = i === 0 ? '#ffe082' : '#eceff1';
    ctx.font = i === 0 ? '600 34px system-ui, sans-serif' : '30px system-ui, sans-serif';
    ctx.fillText(line, 28, 52 + i * 44, width - 56);
  });
}

/**
 * The group activity in the world, above the table, for players in VR: the headline with its
 * countdown and the scoreboard; a ray button to sit out. Redrawn only when its text changes.
 */
export function ActivityBoard({ onDecline }: { readonly onDecline: () => void }) {
  const { store } = useSceneServices();
  const activity = useAppStore(store, selectActivity);
  const canvas = useMemo(() => Object.assign(document.createElement('canvas'), { width: 1024, height: 384 }), []);
  const texture = useMemo(() => {
    const t = new CanvasTexture(canvas);
    t.minFilter = LinearFilter;
    return t;
  }, [canvas]);
  // What the board shows was built from: text is rebuilt only when one of these changes.
  const drawn = useMemo(() => ({ activity: null as AppState['activity'] | null, peers: null as AppState['peers'] | null, second: -1 }), []);
  const root = useMemo(() => new Group(), []);
  const eye = useMemo(() => new Vector3(), []);
  const camera = useThree((s) => s.camera);
  useEffect(() => () => texture.dispose(), [texture]);

  useFrame(() => {
    // Turn about the vertical axis toward the viewer, so the text reads from every seat.
    camera.getWorldPosition(eye); // in VR three copies the viewer pose into it at every render
    root.position.set(0, 1.75, 0);
    root.lookAt(eye.x, 1.75, eye.z);
    const state = store.getState();
    const a = state.activity;
    if (a.phase === ActivityPhase.idle) return;
    const second = secondsLeft(a, Date.now());
    if (a === drawn.activity && state.peers === drawn.peers && second === drawn.second) return;
    drawn.activity = a;
    drawn.peers = state.peers;
    drawn.second = second;
    const own = state.sessionId ? a.entries[state.sessionId] : undefined;
    const nameOf = (id: string) => (id === state.sessionId ? 'you' : state.peers[id]?.name || 'guest');
    const rows = scoreboard(a, nameOf).slice(0, ROWS).map((r) => `${r.name}${r.declined ? ' (sat out)' : ''}: ${r.scores.map(formatScore).join('  ')}  = ${Math.round(r.total * 100)}`);
    const lines = [activityHeadline(a, Date.now(), own?.declined ?? false), ...rows];
    const ctx = canvas.getContext('2d');
    if (ctx) paint(ctx, lines);
    texture.needsUpdate = true;
  });

  if (activity.phase === ActivityPhase.idle) return null;
  const own = store.getState().sessionId;
  const canDecline = own !== null && activity.entries[own] && !activity.entries[own]?.declined && activity.phase !== ActivityPhase.finished;
  return (
    <primitive object={root}>
      <mesh>
        <planeGeometry args={[1.2, 0.45]} />
        <meshBasicMaterial map={texture} transparent />
      </mesh>
      {canDecline ? <MenuButton text="sit out" active={false} position={[0, -0.27, 0]} onSelect={onDecline} /> : null}
    </primitive>
  );
}
