/** Networking: the only module that talks to Colyseus. */
export { createRoomClient, type RoomClient, type RoomClientOptions, type SendCommand } from './room-client';
export { createOutbox, type Outbox, type SendFn } from './outbox';
export { createThrottledSender, systemClock, type SenderClock, type ThrottledSender } from './throttled-sender';
export { backoffDelayMs, classifyJoinError, DEFAULT_BACKOFF, type BackoffPolicy, type JoinFailure } from './reconnect-policy';
export { mapRoomState, type MappedState } from './state-mapper';
export { fetchSpaceList } from './space-list';
export { createRoomSignals, CLIENT_SIGNAL_BURST, type RoomSignals, type RoomSignalsHandle, type SignalRoom } from './signal-channel';
export { createBlockSync, type BlockSync } from './block-sync';
export { fetchVoiceConfig } from './voice-config';
