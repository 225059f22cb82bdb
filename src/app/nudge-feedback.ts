/**
 * What a nudge does beyond its picture: from level 2, a short haptic pulse on every controller
 * (XR) and a soft two-note chime (placed to the wearer's front-left in XR, plain on desktop),
 * each as the wearer's settings allow. Counts what it asked for, for the test hook.
 */
import type { XRStore } from '@react-three/xr';
import { NudgeLevel } from '../shared/engagement';
import type { AppStore } from '../state';

/** What the feedback asked the device for so far. */
export interface NudgeFeedbackStats {
  /** Haptic pulses requested (one per controller that has an actuator). */
  hapticPulses: number;
  /** Controllers seen without a haptic actuator when a pulse was due. */
  hapticUnavailable: number;
  chimes: number;
}

/** Plays a level's cue. */
export interface NudgeFeedback {
  play(level: NudgeLevel): void;
  readonly stats: Readonly<NudgeFeedbackStats>;
}

interface HapticActuatorLike {
  pulse?(value: number, durationMs: number): Promise<boolean>;
}

/** Creates the feedback for a page; the AudioContext is made on first use. */
export function createNudgeFeedback(store: AppStore, xrStore: XRStore): NudgeFeedback {
  const stats: NudgeFeedbackStats = { hapticPulses: 0, hapticUnavailable: 0, chimes: 0 };
  let audio: AudioContext | null = null;

  const pulse = (session: XRSession): void => {
    for (const source of session.inputSources) {
      const actuator = (source.gamepad as (Gamepad & { hapticActuators?: readonly HapticActuatorLike[] }) | undefined)?.hapticActuators?.[0];
      if (actuator?.pulse) {
        stats.hapticPulses++;
        void actuator.pulse(0.6, 250).catch(() => undefined);
      } else if (source.gamepad) stats.hapticUnavailable++;
    }
  };

  const chime = (spatial: boolean): void => {
    try {
      audio ??= new AudioContext();
      const t = audio.currentTime + 0.02;
      const out = audio.createGain();
      out.gain.value = 0.12;
      const panner = spatial ? new PannerNode(audio, { positionX: -0.8, positionY: 0.3, positionZ: -1, panningModel: 'HRTF' }) : null;
      if (panner) out.connect(panner).connect(audio.destination);
      else out.connect(audio.destination);
      [659.25, 880].forEach((hz, i) => {
        const osc = new OscillatorNode(audio!, { type: 'sine', frequency: hz });
        const env = new GainNode(audio!, { gain: 0 });
        env.gain.setValueAtTime(0, t + i * 0.18);
        env.gain.linearRampToValueAtTime(1, t + i * 0.18 + 0.02);
        env.gain.exponentialRampToValueAtTime(0.001, t + i * 0.18 + 0.6);
        osc.connect(env).connect(out);
        osc.start(t + i * 0.18);
        osc.stop(t + i * 0.18 + 0.65);
      });
      stats.chimes++;
    } catch {
      // No audio output (autoplay policy before any click): the picture still shows.
    }
  };

  return {
    stats,
    play(level) {
      if (level < NudgeLevel.alert) return;
      const { haptics, sound } = store.getState().engagementSettings;
      const session = xrStore.getState().session ?? null;
      if (haptics && session) pulse(session);
      if (sound) chime(session !== null);
    },
  };
}
