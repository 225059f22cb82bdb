import { useState } from 'react';
import { LIMITS } from '../shared/protocol';
import { sanitizeDisplayName } from '../shared/text';
import type { AppStore } from '../state';
import { AvatarChooser } from './AvatarChooser';

/** The ways into the space the landing page offers. */
export type JoinMode = 'desktop' | 'xr' | 'spectator';

/** Props of Landing. */
export interface LandingProps {
  readonly store: AppStore;
  /** Joins in the chosen way (called from the click, so entering VR keeps its user activation). */
  readonly onStart: (mode: JoinMode) => void;
  /** Whether the browser offers immersive VR (hides the button otherwise). */
  readonly vrSupported: boolean;
}

/** The first screen: name, avatar, and the three ways in (desktop, VR, spectate). */
export function Landing({ store, onStart, vrSupported }: LandingProps) {
  const initial = store.getState().self;
  const [name, setName] = useState(initial.name);
  const [avatarId, setAvatarId] = useState(initial.avatarId);
  const commit = (): boolean => {
    const clean = sanitizeDisplayName(name);
    if (!clean) return false;
    store.setProfile({ name: clean, avatarId });
    return true;
  };
  const valid = sanitizeDisplayName(name).length > 0;
  return (
    <main className="landing">
      <h1>EmoTone</h1>
      <p className="tagline">A shared space where faces follow feelings.</p>
      <label className="name">
        Your name
        <input value={name} maxLength={LIMITS.displayNameMaxLength * 2} onChange={(e) => setName(e.currentTarget.value)} placeholder="e.g. Robin" data-testid="name-input" autoFocus />
      </label>
      <AvatarChooser value={avatarId} onChange={setAvatarId} />
      <div className="actions">
        <button type="button" disabled={!valid} onClick={() => commit() && onStart('desktop')} data-testid="join-desktop">Join (desktop)</button>
        <button type="button" disabled={!valid || !vrSupported} title={vrSupported ? '' : 'This browser offers no immersive VR'} onClick={() => commit() && onStart('xr')} data-testid="enter-vr">Enter VR</button>
        <button type="button" className="secondary" onClick={() => onStart('spectator')} data-testid="spectate">Spectate</button>
      </div>
    </main>
  );
}
