import { SPEAKING_FROM, type AppState, type AppStore, type PeerState, type TimelineEntry } from '../state';
import { useAppStore } from '../state/use-app-store';
import { EMOTION_COLOURS } from '../shared/emotion-colours';
import { TimelineStrip } from './TimelineStrip';

const selectPeers = (s: AppState): AppState['peers'] => s.peers;
const selectTimelines = (s: AppState): AppState['timelines'] => s.timelines;

/** Shared drowsiness value from which a player is flagged as drowsy (when they share the value, not only the state). */
const DROWSY_FROM = 0.6;

function Row({ peer, timeline }: { peer: PeerState; timeline: readonly TimelineEntry[] | undefined }) {
  const { emotion } = peer;
  return (
    <li className="roster-row" data-testid="roster-row" data-session={peer.sessionId} data-label={emotion.label}>
      <span className="dot" style={{ background: EMOTION_COLOURS[emotion.label] }} />
      <span className="roster-name">{peer.name || 'guest'}</span>
      <span className="roster-emotion" data-testid="roster-emotion">{emotion.label}</span>
      <span className="roster-confidence">{Math.round(emotion.confidence * 100)}%</span>
      <span className="roster-source">{emotion.source}</span>
      <span className={peer.speaking >= SPEAKING_FROM ? 'flag on' : 'flag'} data-testid="speaking-flag">speaking</span>
      <span className={peer.engagement === 'drowsy' || peer.drowsiness >= DROWSY_FROM ? 'flag on' : 'flag'} data-testid="drowsy-flag">drowsy</span>
      {peer.engagement === 'away' ? <span className="flag on" data-testid="away-flag">away</span> : null}
      {peer.connected ? null : <span className="flag on">reconnecting</span>}
      <TimelineStrip entries={timeline ?? []} />
    </li>
  );
}

/**
 * The spectator's roster: every player with name (as text), emotion, confidence, source,
 * speaking/drowsy flags and a five-minute emotion timeline.
 */
export function Roster({ store }: { readonly store: AppStore }) {
  const peers = useAppStore(store, selectPeers);
  const timelines = useAppStore(store, selectTimelines);
  const list = Object.values(peers).sort((a, b) => a.joinedAt - b.joinedAt || a.sessionId.localeCompare(b.sessionId));
  return (
    <aside className="roster" aria-label="Players">
      <h2>Players ({list.length})</h2>
      {list.length === 0 ? <p className="hint">Nobody is here yet.</p> : null}
      <ul>
        {list.map((peer) => (
          <Row key={peer.sessionId} peer={peer} timeline={timelines[peer.sessionId]} />
        ))}
      </ul>
    </aside>
  );
}
