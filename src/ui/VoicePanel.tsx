import { useSyncExternalStore, type CSSProperties } from 'react';
import type { BackendPreference } from '../emotion/emotion-classifier';
import type { VoiceStatus } from '../voice/voice-pipeline';
import { VadChoice } from '../voice/voice-settings';
import { describeBackend, describeMic, describeModel, describeVad } from './voice-text';

/** What the panel reads and what it may ask for: the voice pipeline, seen from the UI. */
export interface VoicePanelSource {
  getStatus(): VoiceStatus;
  subscribe(listener: () => void): () => void;
  /** Asks for the microphone and loads the model (from the consent click or Try again). */
  start(): void;
}

/** Props of {@link VoicePanel}. */
export interface VoicePanelProps {
  readonly voice: VoicePanelSource;
  /** On the landing page the panel sits in the page flow; in the space it is a corner overlay. */
  readonly placement: 'landing' | 'space';
  /** The remembered inference setting, and how to change it (applies on the next load). */
  readonly backendPreference: BackendPreference;
  readonly onBackendChange: (backend: BackendPreference) => void;
  /** The remembered voice-activity detector, and how to change it (applies on the next load). */
  readonly vadPreference: VadChoice;
  readonly onVadChange: (vad: VadChoice) => void;
  /** This device remembers that the visitor allowed the microphone: the voice starts on joining. */
  readonly consentRemembered?: boolean;
}

const box: CSSProperties = {
  padding: '0.7rem 0.9rem', borderRadius: '0.6rem', background: 'rgba(21, 26, 34, 0.9)', border: '1px solid #4f5b66',
  display: 'flex', flexDirection: 'column', gap: '0.45rem', zIndex: 10,
};
/** In the space: a corner overlay. On the landing page: in the page flow, above the form. */
const inSpace: CSSProperties = { ...box, position: 'fixed', top: '0.8rem', left: '0.8rem', maxWidth: '22rem' };
const onLanding: CSSProperties = { ...box, maxWidth: '32rem', margin: '1rem auto 0' };
const small: CSSProperties = { margin: 0, color: '#b0bec5', fontSize: '0.85em' };

/** Re-enable instructions per browser family: the denial must say how to undo it. */
function howToReEnable(): string {
  return /OculusBrowser/i.test(navigator.userAgent)
    ? 'To allow it again: Quest Browser menu → Settings → Site permissions → Microphone, then press Try again.'
    : 'To allow it again: click the site-settings icon left of the address, allow the microphone, then press Try again.';
}

function MicLine({ s, onStart }: { s: VoiceStatus; onStart: () => void }) {
  if (s.mic === 'denied' || s.mic === 'unavailable' || s.mic === 'error')
    return (
      <div role="alert" data-testid="voice-mic-problem">
        <p style={{ margin: 0, color: '#ff8a80' }}>{describeMic(s.micDetail) || 'The microphone is not available.'} The emotion picker still works.</p>
        {s.mic === 'denied' ? <p style={small}>{howToReEnable()}</p> : null}
        <button type="button" className="secondary" onClick={onStart}>Try again</button>
      </div>
    );
  if (s.mic === 'reacquiring') return <p style={small}>{describeMic(s.micDetail)}</p>;
  return null;
}

function ModelLine({ s }: { s: VoiceStatus }) {
  if (s.model === 'loading')
    return (
      <label style={small} data-testid="voice-loading">
        {describeModel(s)}… <progress max={1} value={s.progress} style={{ width: '100%' }} />
      </label>
    );
  const problem = describeModel(s);
  if (problem) return <p role="alert" style={{ margin: 0, color: '#ff8a80' }} data-testid="voice-model-problem">{problem}</p>;
  return null;
}

/** The inference setting: auto (measured), WASM or WebGPU; remembered, applied on the next load. */
function BackendSetting({ current, onChange }: { current: BackendPreference; onChange: (b: BackendPreference) => void }) {
  const choose = (value: string) => onChange(value === 'wasm' || value === 'webgpu' ? value : 'auto');
  return (
    <label style={small}>
      Inference (next load):{' '}
      <select defaultValue={current} onChange={(e) => choose(e.currentTarget.value)} data-testid="voice-backend-setting">
        <option value="auto">automatic</option>
        <option value="wasm">WASM (CPU)</option>
        <option value="webgpu">WebGPU</option>
      </select>
    </label>
  );
}

/** The voice-activity detector: Silero (default) or energy; remembered, applied on the next load. */
function VadSetting({ current, onChange }: { current: VadChoice; onChange: (v: VadChoice) => void }) {
  return (
    <label style={small}>
      Voice detection (next load):{' '}
      <select defaultValue={current} onChange={(e) => onChange(e.currentTarget.value === VadChoice.energy ? VadChoice.energy : VadChoice.silero)} data-testid="voice-vad-setting">
        <option value={VadChoice.silero}>Silero (robust in noise)</option>
        <option value={VadChoice.energy}>energy (no model)</option>
      </select>
    </label>
  );
}

/**
 * The voice panel: asks for the microphone (before entering VR) and says where the voice goes
 * (emotion analysed on the device, no server receives it; voice chat only to players in hearing
 * range, end-to-end encrypted, and nowhere while muted); then shows model loading, the detected emotion, mute state and any problem.
 */
export function VoicePanel({ voice, placement, backendPreference, onBackendChange, vadPreference, onVadChange, consentRemembered = false }: VoicePanelProps) {
  const s = useSyncExternalStore(voice.subscribe, voice.getStatus, voice.getStatus);
  const start = () => voice.start();
  const panel = placement === 'landing' ? onLanding : inSpace;
  if (s.mic === 'idle' && s.model === 'idle' && consentRemembered)
    return (
      <section style={panel} aria-label="Voice emotion" data-testid="voice-consent-remembered">
        <strong>Your voice sets your face</strong>
        <p style={small}>
          You allowed the microphone on this device: it starts when you join. Emotion is analysed here and no server ever
          receives your voice; your voice goes only to the people in the space within hearing range, encrypted end to end,
          and to nobody while you are muted.
        </p>
      </section>
    );
  if (s.mic === 'idle' && s.model === 'idle')
    return (
      <section style={panel} aria-label="Voice emotion" data-testid="voice-consent">
        <strong>Let your voice set your face?</strong>
        <p style={small}>
          EmoTone can listen to how you speak (not what you say) and show the emotion on your avatar. Emotion is analysed on this
          device and no server ever receives your voice: the room gets just the emotion, its confidence and how loudly you are
          speaking. Voice chat sends your voice only to the people in the space within hearing range, encrypted end to end
          (WebRTC), and to nobody while you are muted.
        </p>
        <button type="button" className={placement === 'landing' ? 'secondary' : undefined} onClick={start} data-testid="voice-allow">Allow microphone</button>
        <p style={small}>You can mute at any time, and the emotion picker always works.</p>
      </section>
    );
  const live = s.mic === 'running' && s.model === 'ready';
  return (
    <section style={panel} aria-label="Voice emotion" data-testid="voice-panel" data-mic={s.mic} data-model={s.model}>
      <MicLine s={s} onStart={start} />
      <ModelLine s={s} />
      {s.mic === 'muted' ? <p style={small} data-testid="voice-muted">Muted: nothing is analysed or sent.</p> : null}
      {live ? (
        <p style={{ margin: 0 }}>
          Voice: <strong data-testid="voice-label">{s.emotion?.label ?? 'neutral'}</strong>
          {s.emotion ? <span style={small}> {Math.round(s.emotion.confidence * 100)} %</span> : null}
        </p>
      ) : null}
      {s.backend ? <p style={small} data-testid="voice-backend">Inference: {describeBackend(s)}</p> : null}
      {s.vad.active ? (
        <p style={small} role={s.vad.fallback ? 'status' : undefined} data-testid="voice-vad" data-vad={s.vad.active} data-vad-fallback={s.vad.fallback ?? ''}>
          Voice detection: {describeVad(s)}
        </p>
      ) : null}
      <BackendSetting current={backendPreference} onChange={onBackendChange} />
      <VadSetting current={vadPreference} onChange={onVadChange} />
    </section>
  );
}
