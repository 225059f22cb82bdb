/**
 * The space's half of the composition root, loaded only when someone joins (player or
 * spectator): it holds everything that needs three.js, VRM, the XR rig or the room client. It
 * makes the XR store, the scene's services, the session, the wearer's engagement tracking and the
 * activity scorer, wires them to the app store and voice that main.tsx made for the landing page,
 * and renders the space.
 */
import { createElement, type ReactElement } from 'react';
import type { OperatorViewProps } from '../spectator/OperatorView';
import { createSceneServices } from '../scene/scene-services';
import { COLYSEUS_PATH } from '../shared/protocol';
import type { AppStore } from '../state';
import type { PlayerVoice } from '../voice/player-voice';
import { createEmotoneXRStore } from '../xr/xr-store';
import { createActivityScorer } from './activity-scorer';
import { App, type VoicePreferences } from './App';
import { bindEngagement, wallClock } from './engagement-binding';
import { createNudgeFeedback } from './nudge-feedback';
import { listenForPresence } from './presence-listeners';
import { createSession, type Session } from './session';
import { createVoiceChat } from './voice-chat';
import { fetchVoiceConfig } from '../net';
import type { TestHookSpace } from './test-hook';

/** What the landing page's composition hands to the space. */
export interface SpaceRuntimeOptions {
  readonly store: AppStore;
  /** The player's voice pipeline; null on a spectator page. */
  readonly voice: PlayerVoice | null;
  readonly voicePreferences: VoicePreferences;
  /** The link's `?space=`, as typed. */
  readonly space: string | null;
  /** A spectator page (`?spectate`) tracks no engagement. */
  readonly spectatorPage: boolean;
  /** Engagement time constants ×this (`?engagementTiming=fast`). */
  readonly engagementTimeScale: number;
  readonly vrSupported: boolean;
  readonly operator?: OperatorViewProps;
  /** The playback context made (and resumed) in the Join click, if any: voice chat plays in it. */
  readonly audioContext?: () => AudioContext | null;
  /** Where voice chat keeps its settings and the block list (localStorage); null: nowhere. */
  readonly storage?: Storage | null;
}

/** The loaded space. */
export interface SpaceRuntime extends TestHookSpace {
  readonly session: Session;
  /** The space's view for the current mode (not the landing page). */
  render(): ReactElement;
}

/** Creates the space's services. Call once per page. */
export function createSpaceRuntime(options: SpaceRuntimeOptions): SpaceRuntime {
  const { store, voice } = options;
  const xrStore = createEmotoneXRStore();
  const session = createSession({ store, xrStore, endpoint: COLYSEUS_PATH, space: options.space });
  // Players talk peer to peer; a spectator page has no voice chat (a mesh cannot serve 32 listeners).
  const voiceChat = voice && !options.spectatorPage ? createVoiceChat({
    store, voice, channel: session.signals, context: options.audioContext?.() ?? null, storage: options.storage ?? null,
    fetchIce: () => fetchVoiceConfig(),
  }) : null;
  const scene = createSceneServices(store, undefined, voiceChat?.spatialVoice ?? null);
  // The wearer's engagement: estimated here from voice, head and presence; nudges stay on this page.
  const feedback = options.spectatorPage ? null : createNudgeFeedback(store, xrStore);
  const engagement = feedback ? bindEngagement({ store, onNudgeShown: feedback.play, tracker: { timeScale: options.engagementTimeScale } }) : null;
  if (engagement) listenForPresence(engagement, xrStore);
  if (engagement && voice) {
    voice.subscribeScores((scores) => engagement.voiceWindow(scores.arousal));
    createActivityScorer({ store, labels: voice.contract.labels, subscribeScores: voice.subscribeScores, send: session.sendScore, clock: wallClock });
  }
  const props = {
    store, session, xrStore, scene, voice, engagement, voiceChat,
    voicePreferences: options.voicePreferences,
    vrSupported: options.vrSupported,
    ...(options.operator ? { operator: options.operator } : {}),
  };
  return { session, xrStore, scene, feedback, engagement, voiceChat, render: () => createElement(App, props) };
}
