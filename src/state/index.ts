/** The app state: a framework-free store and its types. */
export { createAppStore, type AppStore, type AppStoreOptions } from './app-store';
export { AppMode, IDLE_ACTIVITY, SELF_KEY, type ActivityEntryView, type ActivityView, type NudgeStatus, type AppState, type BlockedPlayer, type ConnectionStatus, type PeerState, type Pose, type SelfState, type ServerErrorNote } from './app-state';
export { appendTimeline, pruneTimeline, timelineSpans, DEFAULT_TIMELINE_LIMITS, type TimelineEntry, type TimelineLimits, type TimelineSpan } from './emotion-timeline';
export { activityWinners, isCelebrating } from './activity-winners';
export { loudestSpeaker, SPEAKING_FROM } from './speakers';
export { BLOCKED_STORAGE_KEY, blockedSessionIds, isBlockedPeer, isSamePlayer, loadBlocked, MAX_BLOCKED, saveBlocked } from './blocked-players';
export { createVanillaStore, type VanillaStore, type Listener, type StateUpdate } from './vanilla-store';
