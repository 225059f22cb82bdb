import { useEffect, useMemo } from 'react';
import { manualEmotion, type EmotionLabel } from '../shared/emotion-labels';
import type { AppState, ConnectionStatus } from '../state';
import { describeConnection } from '../ui/connection-text';
import { useAppStore } from '../state/use-app-store';
import { createLabelTexture } from '../scene/canvas-labels';
import { MenuButton } from './MenuButton';
import {
  ACTIVITY_BUTTON_OFFSET, BUTTON_H, BUTTON_W, CLOSE_BUTTON_OFFSET, LEAVE_BUTTON_OFFSET, MUTE_BUTTON_OFFSET, NUDGES_BUTTON_OFFSET, SHARE_BUTTON_OFFSET, SOUND_BUTTON_OFFSET, STATUS_OFFSET,
} from './menu-layout';
import { EmotionGrid } from './EmotionGrid';
import { VoiceIndicator } from './VoiceIndicator';
import { useSceneServices } from '../scene/scene-services';

const selectLabel = (s: AppState): EmotionLabel => s.self.emotion.label;
const selectMuted = (s: AppState): boolean => s.self.muted;
const selectConnection = (s: AppState): ConnectionStatus => s.connection;
const selectSettings = (s: AppState) => s.engagementSettings;
const selectActivityIdle = (s: AppState): boolean => s.activity.phase === 'idle';

/** A line of connection status above the buttons; nothing while connected. */
function StatusLine({ text }: { text: string }) {
  const texture = useMemo(() => (text ? createLabelTexture(text, '#b71c1c', '#ffffff', 768) : null), [text]);
  useEffect(() => () => texture?.dispose(), [texture]);
  if (!texture) return null;
  return (
    <mesh position={[...STATUS_OFFSET]}>
      <planeGeometry args={[BUTTON_W * 3 + 0.02, BUTTON_H]} />
      <meshBasicMaterial map={texture} transparent />
    </mesh>
  );
}

/** Props of {@link XRMenu}. */
export interface XRMenuProps {
  readonly onLeave: () => void;
  readonly onStartActivity: () => void;
  readonly onClose: () => void;
}

/**
 * The in-world menu's panel, operated with the controller ray (the wrist menu places it): what
 * the room hears of the wearer (voice line and microphone level), the nine emotions (same order
 * as the number keys), mute and leave, the group activity, the nudge settings and close, with
 * the connection state above them when it is not plain "connected".
 */
export function XRMenu({ onLeave, onStartActivity, onClose }: XRMenuProps) {
  const { store } = useSceneServices();
  const current = useAppStore(store, selectLabel);
  const muted = useAppStore(store, selectMuted);
  const connection = useAppStore(store, selectConnection);
  const settings = useAppStore(store, selectSettings);
  const change = (patch: Partial<typeof settings>) => store.setEngagementSettings({ ...store.getState().engagementSettings, ...patch });
  const activityIdle = useAppStore(store, selectActivityIdle);
  // In VR the DOM banner is invisible; the countdown is left out to avoid redrawing every second.
  const status = describeConnection(connection, connection.kind === 'reconnecting' ? Math.ceil(connection.nextDelayMs / 1000) : 0).text;
  return (
    <>
      <mesh position={[0, -0.085, -0.002]}>
        <planeGeometry args={[0.42, 0.46]} />
        <meshBasicMaterial color="#1c232b" transparent opacity={0.85} />
      </mesh>
      <StatusLine text={status} />
      <VoiceIndicator />
      <EmotionGrid current={current} onPick={(label) => store.setSelfEmotion(manualEmotion(label))} />
      <MenuButton text={muted ? 'unmute' : 'mute'} active={muted} position={MUTE_BUTTON_OFFSET} onSelect={() => store.setMuted(!muted)} />
      <MenuButton text="leave" active={false} position={LEAVE_BUTTON_OFFSET} onSelect={onLeave} />
      {activityIdle ? <MenuButton text="emotion echo" active={false} position={ACTIVITY_BUTTON_OFFSET} onSelect={onStartActivity} /> : null}
      <MenuButton text={settings.nudges ? 'nudges on' : 'nudges off'} active={settings.nudges} position={NUDGES_BUTTON_OFFSET} onSelect={() => change({ nudges: !settings.nudges })} />
      <MenuButton
        text={settings.share === 'state' ? 'share: state' : 'share: away'}
        active={settings.share === 'state'}
        position={SHARE_BUTTON_OFFSET}
        onSelect={() => change({ share: settings.share === 'state' ? 'away' : 'state' })}
      />
      <MenuButton text={settings.sound ? 'sound on' : 'sound off'} active={settings.sound} position={SOUND_BUTTON_OFFSET} onSelect={() => change({ sound: !settings.sound })} />
      <MenuButton text="close" active={false} position={CLOSE_BUTTON_OFFSET} onSelect={onClose} />
    </>
  );
}
