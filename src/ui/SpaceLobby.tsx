import { useEffect, useState } from 'react';
import { DEFAULT_SPACE, SPACE_LIST_REFRESH_MS, type SpaceSummary } from '../shared/spaces';

/** Props of SpaceLobby. */
export interface SpaceLobbyProps {
  /** Reads the public spaces (the room server's list). */
  readonly list: () => Promise<readonly SpaceSummary[]>;
  readonly refreshMs?: number;
  /** The space the join buttons will use. */
  readonly selected: string;
  readonly onSelect: (space: string) => void;
  readonly onSpectate: (space: string) => void;
}

/** How a space reads in the list. */
export function spaceLabel(space: string): string {
  return space === DEFAULT_SPACE ? 'Lobby (everyone)' : space;
}

/** The public spaces with their player counts, refreshed every few seconds while shown. */
export function SpaceLobby({ list, refreshMs = SPACE_LIST_REFRESH_MS, selected, onSelect, onSpectate }: SpaceLobbyProps) {
  const [spaces, setSpaces] = useState<readonly SpaceSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () => list().then(
      (found) => live && (setSpaces(found), setProblem(null)),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    void refresh();
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [list, refreshMs]);
  return (
    <section className="space-lobby" aria-label="Public spaces" data-testid="space-lobby">
      <h2>Public spaces</h2>
      {problem ? <p className="hint" data-testid="space-lobby-problem">The list of spaces is not available right now ({problem}).</p> : null}
      {spaces === null && !problem ? <p className="hint">Looking for spaces…</p> : null}
      <ul>
        {(spaces ?? []).map((s) => (
          <li key={s.space} data-testid="space-row" data-space={s.space} className={s.space === selected ? 'selected' : ''}>
            <span className="space-name">{spaceLabel(s.space)}</span>{' '}
            <span className="space-count" data-testid="space-players">{s.players}/{s.maxPlayers} players</span>
            {s.spectators > 0 ? <span className="space-count"> · {s.spectators} watching</span> : null}
            {s.full ? <strong className="space-full"> · full</strong> : null}{' '}
            {s.full ? null : <button type="button" className="secondary" onClick={() => onSelect(s.space)} disabled={s.space === selected}>Choose</button>}
            <button type="button" className="secondary" onClick={() => onSpectate(s.space)}>Spectate</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
