/**
 * AudioWorklet entry (bundled by Vite via `?worker&url`): runs the capture processor on the
 * audio thread. Input is the microphone at the context's real rate; there is no audio output.
 */
import { attachCaptureChannel, CAPTURE_PROCESSOR_NAME, type CaptureBuffers } from './capture-channel';
import { createCaptureProcessor } from './capture-processor';

// The AudioWorkletGlobalScope is not in TypeScript's DOM lib; declare the little we use.
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: new (options: { processorOptions: CaptureBuffers }) => object): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

class CaptureWorkletProcessor extends AudioWorkletProcessor {
  private readonly processor;

  constructor(options: { processorOptions: CaptureBuffers }) {
    super();
    this.processor = createCaptureProcessor({ inputRateHz: sampleRate, channel: attachCaptureChannel(options.processorOptions) });
  }

  process(inputs: Float32Array[][]): boolean {
    const mono = inputs[0]?.[0]; // channel 0; getUserMedia is asked for mono
    if (mono) this.processor.process(mono);
    return true; // keep alive even while the input is momentarily disconnected (device change)
  }
}

registerProcessor(CAPTURE_PROCESSOR_NAME, CaptureWorkletProcessor);
