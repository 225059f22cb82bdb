/**
 * Microphone capture: getUserMedia → AudioWorklet at the context's real rate → shared 16 kHz ring.
 * Survives what headsets do: a track that ends (sleep, unplug) or a device change re-acquires the
 * microphone; a revoked permission stops capture and a re-grant resumes it. Mute suspends all analysis.
 */
import { CAPTURE_PROCESSOR_NAME, createCaptureChannel, type CaptureChannel } from './capture-channel';
import { MicReason, type MicStatus, type MicStatusDetail } from './mic-status';

export { MicReason, type MicStatus, type MicStatusDetail } from './mic-status';

/** Options of {@link createMicCapture}. */
export interface MicCaptureOptions {
  /** URL of the bundled capture worklet (Vite `?worker&url`). */
  workletUrl: string;
  /** Browser voice processing (echo cancellation, noise suppression, AGC); off for tests. Default true. */
  processing?: boolean;
  onStatus?(status: MicStatus, detail: MicStatusDetail): void;
  /** Longest wait between re-acquisition attempts, ms. Default 8000. */
  maxRetryMs?: number;
  /**
   * The captured stream changed: a new one after each (re-)acquisition, null when it is released.
   * Voice chat takes its own track from it (src/audio/chat-track.ts).
   */
  onStream?(stream: MediaStream | null): void;
}

/** A running (or startable) microphone capture. */
export interface MicCapture {
  readonly channel: CaptureChannel;
  readonly status: MicStatus;
  /** The AudioContext's sample rate once started. */
  readonly inputRateHz: number | null;
  /** Asks for the microphone (call from a click: it also starts the AudioContext). */
  start(): Promise<MicStatus>;
  setMuted(muted: boolean): void;
  stop(): Promise<void>;
}

/** Creates a capture; nothing happens until `start`. */
export function createMicCapture(options: MicCaptureOptions): MicCapture {
  const channel = createCaptureChannel();
  const maxRetryMs = options.maxRetryMs ?? 8000;
  const processing = options.processing ?? true;
  let status: MicStatus = 'idle';
  let context: AudioContext | null = null;
  let node: AudioWorkletNode | null = null;
  let source: MediaStreamAudioSourceNode | null = null;
  let stream: MediaStream | null = null;
  let muted = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let permission: PermissionStatus | null = null;

  const setStatus = (next: MicStatus, reason: MicReason | null = null, info = '', retrying = false): MicStatus => {
    status = next;
    options.onStatus?.(next, { reason, retrying, info });
    return next;
  };

  async function ensureGraph(): Promise<AudioWorkletNode> {
    if (node && context) return node;
    context = new AudioContext({ latencyHint: 'interactive' }); // the device's own rate
    await context.audioWorklet.addModule(options.workletUrl);
    node = new AudioWorkletNode(context, CAPTURE_PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit', // a stereo microphone is mixed down to mono by the graph
      processorOptions: channel.buffers,
    });
    const sink = context.createGain();
    sink.gain.value = 0; // pulled by the destination so it always renders; plays nothing
    node.connect(sink).connect(context.destination);
    return node;
  }

  function release(): void {
    source?.disconnect();
    source = null;
    const had = stream !== null;
    for (const track of stream?.getTracks() ?? []) {
      track.removeEventListener('ended', onEnded);
      track.stop();
    }
    stream = null;
    if (had) options.onStream?.(null);
  }

  async function acquire(): Promise<MicStatus> {
    release();
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: processing, noiseSuppression: processing, autoGainControl: processing },
      });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      if (name === 'NotAllowedError' || name === 'SecurityError') return setStatus('denied', MicReason.refused);
      if (name === 'NotFoundError' || name === 'OverconstrainedError') return setStatus('unavailable', MicReason.notFound);
      return setStatus('error', MicReason.failed, error instanceof Error ? error.message : String(error));
    }
    if (stopped) return (release(), status);
    const graph = await ensureGraph();
    source = context!.createMediaStreamSource(stream);
    source.connect(graph);
    for (const track of stream.getAudioTracks()) {
      track.addEventListener('ended', onEnded);
      track.enabled = !muted;
    }
    if (!muted) await context!.resume();
    options.onStream?.(stream);
    return setStatus(muted ? 'muted' : 'running', null, stream.getAudioTracks()[0]?.label ?? '');
  }

  function reacquire(reason: MicReason, attempt = 0): void {
    if (stopped || retryTimer) return;
    setStatus('reacquiring', reason, '', attempt > 0);
    const delay = attempt === 0 ? 0 : Math.min(maxRetryMs, 500 * 2 ** attempt);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void acquire().then((s) => {
        if (s === 'unavailable' || s === 'error') reacquire(reason, attempt + 1);
      });
    }, delay);
  }

  function onEnded(): void {
    reacquire(MicReason.deviceEnded);
  }

  async function onDeviceChange(): Promise<void> {
    if (stopped || !stream || status === 'denied') return;
    const track = stream.getAudioTracks()[0];
    const id = track?.getSettings().deviceId;
    const devices = await navigator.mediaDevices.enumerateDevices();
    const gone = !track || track.readyState === 'ended' || (id !== undefined && !devices.some((d) => d.deviceId === id));
    if (gone) reacquire(MicReason.deviceChanged);
  }

  function onPermissionChange(): void {
    if (!permission || stopped) return;
    if (permission.state === 'denied') {
      release();
      setStatus('denied', MicReason.revoked);
    } else if (permission.state === 'granted' && (status === 'denied' || !stream)) {
      reacquire(MicReason.regranted);
    }
  }

  return {
    channel,
    get status() {
      return status;
    },
    get inputRateHz() {
      return context?.sampleRate ?? null;
    },
    async start() {
      if (status === 'running' || status === 'muted' || status === 'requesting') return status;
      stopped = false;
      setStatus('requesting');
      navigator.mediaDevices.addEventListener('devicechange', onDeviceChange);
      navigator.permissions
        ?.query({ name: 'microphone' as PermissionName })
        .then((p) => ((permission = p), p.addEventListener('change', onPermissionChange)))
        .catch(() => undefined); // not every browser can query the microphone permission
      return acquire();
    },
    setMuted(next) {
      muted = next;
      channel.setMuted(next);
      for (const track of stream?.getAudioTracks() ?? []) track.enabled = !next;
      if (next) void context?.suspend();
      else void context?.resume();
      if (status === 'running' || status === 'muted') setStatus(next ? 'muted' : 'running');
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      navigator.mediaDevices.removeEventListener('devicechange', onDeviceChange);
      permission?.removeEventListener('change', onPermissionChange);
      release();
      node?.disconnect();
      node = null;
      await context?.close().catch(() => undefined);
      context = null;
      setStatus('idle');
    },
  };
}
