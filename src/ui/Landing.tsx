import { useState } from 'react';
import { fetchSpaceList } from '../net';
import { LIMITS } from '../shared/protocol';
import { createPrivateSpaceCode, DEFAULT_SPACE, isPrivateSpace, SPACE_NAME_MAX_LENGTH, type SpaceSummary } from '../shared/spaces';
import { sanitizeDisplayName } from '../shared/text';
import { validateSpaceName } from '../shared/validate';
import type { AppState, AppStore } from '../state';
import { useAppStore } from '../state/use-app-store';
import { AvatarChooser } from './AvatarChooser';
import { spaceLabel, SpaceLobby } from './SpaceLobby';

/** The ways into the space the landing page offers. */
export type JoinMode = 'desktop' | 'xr' | 'spectator';

/** Props of Landing. */
export interface LandingProps {
  readonly store: AppStore;
  /** Joins `space` in the chosen way (called from the click, so entering VR keeps its user activation). */
  readonly onStart: (mode: JoinMode, space: string) => void;
  /** Whether the browser offers immersive VR (hides the button otherwise). */
  readonly vrSupported: boolean;
  /** The space to offer first (the link's); default the lobby. */
  readonly space?: string;
  /** Reads the public spaces; default the room server's list on this origin. */
  readonly listSpaces?: () => Promise<readonly SpaceSummary[]>;
}

const selectConnection = (s: AppState) => s.connection;
const defaultList = () => fetchSpaceList();

/** The first screen: name, avatar, the space (typed, picked from the lobby or private), and the three ways in. */
export function Landing({ store, onStart, vrSupported, space: initialSpace = DEFAULT_SPACE, listSpaces = defaultList }: LandingProps) {
  const initial = store.getState().self;
  const connection = useAppStore(store, selectConnection);
  const [name, setName] = useState(initial.name);
  const [avatarId, setAvatarId] = useState(initial.avatarId);
  const [spaceText, setSpaceText] = useState(initialSpace);
  const space = validateSpaceName(spaceText);
  const commit = (): boolean => {
    const clean = sanitizeDisplayName(name);
    if (!clean || !space.ok) return false;
    store.setProfile({ name: clean, avatarId });
    return true;
  };
  const chosen = space.ok ? space.value : '';
  const valid = sanitizeDisplayName(name).length > 0 && space.ok;
  const privateLink = space.ok && isPrivateSpace(chosen) ? `${globalThis.location?.origin ?? ''}/?space=${chosen}` : null;
  return (
    <main className="landing">
      <h1>EmoTone</h1>
      <p className="tagline">A shared space where faces follow feelings.</p>
      <label className="name">
        Your name
        <input value={name} maxLength={LIMITS.displayNameMaxLength * 2} onChange={(e) => setName(e.currentTarget.value)} placeholder="e.g. Robin" data-testid="name-input" autoFocus />
      </label>
      <AvatarChooser value={avatarId} onChange={setAvatarId} />
      <label className="name">
        Space
        <input value={spaceText} maxLength={SPACE_NAME_MAX_LENGTH * 2} onChange={(e) => setSpaceText(e.currentTarget.value.trim())} placeholder="e.g. team-standup" data-testid="space-input" />
      </label>
      {space.ok ? null : <p className="hint" role="alert" data-testid="space-error">{space.reason}</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setSpaceText(createPrivateSpaceCode())} data-testid="create-private">New private space</button>
      </div>
      {privateLink ? <p className="hint" data-testid="private-link">Private space, never listed: share this link with the people you invite: <code>{privateLink}</code></p> : null}
      {connection.kind === 'room_full' && space.ok ? (
        <p className="hint" role="alert" data-testid="space-full">
          {`${spaceLabel(chosen)} is full: all ${LIMITS.maxPlayers} player places are taken.`}{' '}
          <button type="button" onClick={() => onStart('spectator', chosen)} data-testid="full-spectate">Spectate it</button>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" disabled={!valid} onClick={() => commit() && onStart('desktop', chosen)} data-testid="join-desktop">Join (desktop)</button>
        <button type="button" disabled={!valid || !vrSupported} title={vrSupported ? '' : 'This browser offers no immersive VR'} onClick={() => commit() && onStart('xr', chosen)} data-testid="enter-vr">Enter VR</button>
        <button type="button" className="secondary" disabled={!space.ok} onClick={() => onStart('spectator', chosen)} data-testid="spectate">Spectate</button>
      </div>
      <SpaceLobby list={listSpaces} selected={chosen} onSelect={setSpaceText} onSpectate={(s) => onStart('spectator', s)} />
    </main>
  );
}
