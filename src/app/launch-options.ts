/** What the page URL asks for. */
export interface LaunchOptions {
  /** `?spectate`: go straight to the spectator view. */
  readonly spectate: boolean;
  /** `?spectate&operator`: the spectator also shows the operator's engagement figures (asks for the token). */
  readonly operator: boolean;
  /** `?xremulate=quest3`: install the IWER emulator before the XR store is made. */
  readonly xrEmulate: 'quest3' | null;
  /** `?name=…&avatar=…&join=desktop|xr`: pre-fill (and optionally auto-start) for tests and links. */
  readonly name: string | null;
  readonly avatar: string | null;
  readonly autoJoin: 'desktop' | 'xr' | null;
  /** `?engagementTiming=fast`: engagement time constants ×0.1 (demos of nudges, browser tests). */
  readonly engagementTimeScale: number;
  /** `?space=team-standup`: the space to join, as typed (validated when joining); null: the lobby. */
  readonly space: string | null;
}

/** Parses the page's query string. Pure. */
export function parseLaunchOptions(search: string): LaunchOptions {
  const q = new URLSearchParams(search);
  const join = q.get('join');
  return {
    spectate: q.has('spectate'),
    operator: q.has('spectate') && q.has('operator'),
    xrEmulate: q.get('xremulate') === 'quest3' ? 'quest3' : null,
    name: q.get('name'),
    avatar: q.get('avatar'),
    autoJoin: join === 'desktop' || join === 'xr' ? join : null,
    engagementTimeScale: q.get('engagementTiming') === 'fast' ? 0.1 : 1,
    space: q.get('space'),
  };
}
