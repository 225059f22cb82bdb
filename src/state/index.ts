/** The app state: a framework-free store and its types. */
export { createAppStore, type AppStore, type AppStoreOptions } from './app-store';
export { AppMode, SELF_KEY, type AppState, type ConnectionStatus, type PeerState, type Pose, type SelfState, type ServerErrorNote } from './app-state';
export { appendTimeline, pruneTimeline, timelineSpans, DEFAULT_TIMELINE_LIMITS, type TimelineEntry, type TimelineLimits, type TimelineSpan } from './emotion-timeline';
export { createVanillaStore, type VanillaStore, type Listener, type StateUpdate } from './vanilla-store';
