import { useState } from 'react';
import { DEFAULT_AVATAR_ID } from '../avatar/shipped-avatars';
import { fetchSpaceList } from '../net/space-list';
import { LIMITS } from '../shared/protocol';
import { createPrivateSpaceCode, DEFAULT_SPACE, isPrivateSpace, SPACE_NAME_MAX_LENGTH, type SpaceSummary } from '../shared/spaces';
import { sanitizeDisplayName } from '../shared/text';
import { validateSpaceName } from '../shared/validate';
import type { AppState, AppStore } from '../state';
import type { RememberedProfile } from '../state/remembered-profile';
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
  /** Whether the browser offers immersive VR (Join then enters VR; joining on the screen stays offered). */
  readonly vrSupported: boolean;
  /** The space to offer first (the link's); default the lobby. */
  readonly space?: string;
  /** Reads the public spaces; default the room server's list on this origin. */
  readonly listSpaces?: () => Promise<readonly SpaceSummary[]>;
  /** What this device remembers of the visitor, how to remember more and how to forget it all. */
  readonly remembered: RememberedProfile;
  readonly onRemember: (change: Partial<RememberedProfile>) => void;
  readonly onForget: () => void;
}

const selectConnection = (s: AppState) => s.connection;
const defaultList = () => fetchSpaceList();

/** The line that says what is remembered, with "Forget me" (after which only joining remembers again). */
function Memory({ remembered, forgotten, onForget }: { remembered: RememberedProfile; forgotten: boolean; onForget: () => void }) {
  const kept = [remembered.name ? 'your name' : '', remembered.avatarId ? 'your avatar' : '', remembered.micConsent ? 'that you allowed the microphone' : ''].filter(Boolean);
  if (kept.length === 0) {
    return forgotten ? <p className="hint" role="status" data-testid="forgotten">Forgotten: this device no longer remembers you.</p> : null;
  }
  return (
    <p className="hint memory" data-testid="remembered">
      This device remembers {kept.length > 1 ? `${kept.slice(0, -1).join(', ')} and ${kept.at(-1) ?? ''}` : kept[0]}.{' '}
      <button type="button" className="link" onClick={onForget} data-testid="forget-me">Forget me</button>
    </p>
  );
}

/**
 * The first screen: name, avatar, the space (typed, picked from the lobby or private), one primary
 * way in (Join; in VR where the browser offers it) and watching as a spectator.
 */
export function Landing({ store, onStart, vrSupported, space: initialSpace = DEFAULT_SPACE, listSpaces = defaultList, remembered, onRemember, onForget }: LandingProps) {
  const initial = store.getState().self;
  const connection = useAppStore(store, selectConnection);
  const [name, setName] = useState(initial.name);
  const [avatarId, setAvatarId] = useState(initial.avatarId);
  const [spaceText, setSpaceText] = useState(initialSpace);
  const [forgotten, setForgotten] = useState(false);
  const space = validateSpaceName(spaceText);
  const commit = (): boolean => {
    const clean = sanitizeDisplayName(name);
    if (!clean || !space.ok) return false;
    store.setProfile({ name: clean, avatarId });
    onRemember({ name: clean, avatarId });
    return true;
  };
  const forget = (): void => {
    setName('');
    setAvatarId(DEFAULT_AVATAR_ID);
    store.setProfile({ name: '', avatarId: DEFAULT_AVATAR_ID });
    setForgotten(true);
    onForget();
  };
  const chosen = space.ok ? space.value : '';
  const valid = sanitizeDisplayName(name).length > 0 && space.ok;
  const privateLink = space.ok && isPrivateSpace(chosen) ? `${globalThis.location?.origin ?? ''}/?space=${chosen}` : null;
  const join = (mode: JoinMode) => () => commit() && onStart(mode, chosen);
  return (
    <main className="landing">
      <h1>EmoTone</h1>
      <p className="tagline">A shared space where faces follow feelings.</p>
      <label className="name">
        Your name
        <input
          value={name}
          maxLength={LIMITS.displayNameMaxLength * 2}
          onChange={(e) => {
            setName(e.currentTarget.value);
            if (!forgotten) onRemember({ name: e.currentTarget.value.trim() });
          }}
          placeholder="e.g. Robin"
          data-testid="name-input"
          autoFocus
        />
      </label>
      <AvatarChooser value={avatarId} onChange={(id) => (setAvatarId(id), forgotten || onRemember({ avatarId: id }))} />
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
      <div className="actions primary-actions">
        {vrSupported ? (
          <button type="button" className="primary" disabled={!valid} onClick={join('xr')} data-testid="enter-vr">Join in VR</button>
        ) : (
          <button type="button" className="primary" disabled={!valid} onClick={join('desktop')} data-testid="join-desktop">Join</button>
        )}
        <button type="button" className="secondary" disabled={!space.ok} onClick={() => onStart('spectator', chosen)} data-testid="spectate">Watch as spectator</button>
      </div>
      {vrSupported ? (
        <p className="hint">
          <button type="button" className="link" disabled={!valid} onClick={join('desktop')} data-testid="join-desktop">Join on this screen instead</button>
        </p>
      ) : null}
      {valid ? null : <p className="hint" data-testid="join-hint">{space.ok ? 'Type your name to join.' : 'Choose a valid space to join.'}</p>}
      <Memory remembered={remembered} forgotten={forgotten} onForget={forget} />
      <SpaceLobby list={listSpaces} selected={chosen} onSelect={setSpaceText} onSpectate={(s) => onStart('spectator', s)} />
    </main>
  );
}
