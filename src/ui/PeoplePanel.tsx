import { useEffect, useState, useSyncExternalStore } from 'react';
import { isBlockedPeer, SPEAKING_FROM, type AppState, type AppStore, type BlockedPlayer } from '../state';
import { useAppStore } from '../state/use-app-store';
import type { ChatControls } from '../talk/chat-controls';
import type { ChatSettings } from '../talk/chat-settings';
import { chooseSpeakingLevel } from '../talk/voice-levels';
import { describeIceProblem, describePeerVoice, VOICE_PRIVACY_NOTE } from './voice-chat-text';

/** Props of PeoplePanel: what it shows and what it may change. */
export interface PeoplePanelProps {
  readonly store: AppStore;
  readonly controls: Pick<ChatControls, 'getSnapshot' | 'subscribe' | 'setVolume' | 'setMuted'>;
  /** The level of a peer's voice as heard here (-1 when none plays). */
  readonly levelOf: (sessionId: string) => number;
  readonly onSettings: (settings: ChatSettings) => void;
}

/** How often the speaking dots are refreshed: lively enough to follow words, cheap for React. */
const SPEAKING_REFRESH_MS = 150;

const selectPeers = (s: AppState) => s.peers;
const selectBlocked = (s: AppState) => s.blocked;

/** Session ids speaking now, from the heard voice (or the room's level where none plays). */
function useSpeaking(store: AppStore, levelOf: (id: string) => number): ReadonlySet<string> {
  const [speaking, setSpeaking] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const timer = setInterval(() => {
      const next = new Set<string>();
      for (const peer of Object.values(store.getState().peers)) {
        if (chooseSpeakingLevel(levelOf(peer.sessionId), peer.speaking) >= SPEAKING_FROM) next.add(peer.sessionId);
      }
      setSpeaking((old) => (old.size === next.size && [...next].every((id) => old.has(id)) ? old : next));
    }, SPEAKING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [store, levelOf]);
  return speaking;
}

/**
 * The desktop player's people list: who is here, who speaks (a dot from the voice heard), who
 * muted themselves, each voice's volume, a local mute and Block, the connection's trouble in
 * words, the voice chat settings and the privacy note.
 */
export function PeoplePanel({ store, controls, levelOf, onSettings }: PeoplePanelProps) {
  const peers = useAppStore(store, selectPeers);
  const blocked = useAppStore(store, selectBlocked);
  const chat = useSyncExternalStore(controls.subscribe, controls.getSnapshot, controls.getSnapshot);
  const speaking = useSpeaking(store, levelOf);
  const block = (player: BlockedPlayer, on: boolean) => store.setBlocked(player, on);
  const { settings } = chat;
  return (
    <section className="roster people" aria-label="People" data-testid="people">
      <h2>People</h2>
      <ul>
        {Object.values(peers).map((peer) => {
          const control = chat.peers[peer.sessionId];
          const isBlocked = isBlockedPeer(blocked, peer);
          const name = peer.name || 'guest';
          const line = isBlocked ? '' : describePeerVoice(name, control?.status ?? null);
          return (
            <li key={peer.sessionId} className="people-row" data-testid="people-row" data-name={peer.name} data-speaking={speaking.has(peer.sessionId)} data-voice-muted={peer.voiceMuted}>
              <span className={`speaking-dot${speaking.has(peer.sessionId) ? ' on' : ''}`} title={speaking.has(peer.sessionId) ? 'speaking' : ''} />
              <span className="roster-name">{name}</span>
              <span className="muted-icon" data-testid="peer-muted" hidden={!peer.voiceMuted} title={`${name} muted their microphone`}>mic off</span>
              <input type="range" min={0} max={2} step={0.1} value={control?.volume ?? 1} disabled={isBlocked} aria-label={`${name}'s volume`}
                onChange={(e) => controls.setVolume(peer.sessionId, Number(e.target.value))} />
              <button type="button" className="secondary" disabled={isBlocked} aria-pressed={control?.muted ?? false} data-testid="peer-mute"
                onClick={() => controls.setMuted(peer.sessionId, !(control?.muted ?? false))}>{control?.muted ? 'Unmute' : 'Mute'}</button>
              <button type="button" className="secondary" data-testid="peer-block" aria-pressed={isBlocked}
                onClick={() => block(peer, !isBlocked)}>{isBlocked ? 'Unblock' : 'Block'}</button>
              {line ? <span className="people-status" data-testid="peer-voice-status">{line}</span> : null}
            </li>
          );
        })}
      </ul>
      <label><input type="checkbox" checked={settings.pushToTalk} data-testid="push-to-talk"
        onChange={(e) => onSettings({ ...settings, pushToTalk: e.target.checked })} /> Push to talk (hold V)</label>
      <label><input type="checkbox" checked={settings.startOthersMuted} data-testid="start-others-muted"
        onChange={(e) => onSettings({ ...settings, startOthersMuted: e.target.checked })} /> Start with others muted</label>
      {chat.iceProblem ? <p className="help">{describeIceProblem(chat.iceProblem)}</p> : null}
      <p className="help privacy">{VOICE_PRIVACY_NOTE}</p>
    </section>
  );
}
