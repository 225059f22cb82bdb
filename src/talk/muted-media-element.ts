/**
 * Chromium feeds a remote WebRTC stream into Web Audio only while that stream also plays in a
 * media element: without one, a MediaStreamAudioSourceNode (and any AnalyserNode on it) reads
 * exactly zero (ENGINEERING_NOTES, verified 2026-12-07). The element is muted, so the voice is
 * heard once, through the spatial graph. This file is the one place that works around it.
 */

/** Attribute that marks the elements, so tests can count them and see that none leak. */
export const MUTED_ELEMENT_ATTRIBUTE = 'data-emotone-voice';

/** A muted element playing one remote stream. */
export interface MutedMediaElement {
  /** False where there is no document (Node), and nothing was made. */
  readonly attached: boolean;
  /** Stops the element and takes it out of the page. The stream and its tracks are left alone. */
  release(): void;
}

/**
 * Plays `stream` in a muted `<audio>` under `host` (default: the document's body). An `<audio>`
 * without `controls` is not rendered, so it takes no layout; it sits in the document so that
 * tests can find it and nothing collects it while it plays. Without a DOM (Node) it does nothing.
 */
export function playMutedElement(stream: MediaStream, sessionId: string, host?: HTMLElement | null): MutedMediaElement {
  const parent = host ?? (typeof document !== 'undefined' ? document.body : null);
  if (!parent) return { attached: false, release: () => undefined };
  const element = parent.ownerDocument.createElement('audio');
  element.muted = true;
  element.autoplay = true;
  element.setAttribute(MUTED_ELEMENT_ATTRIBUTE, sessionId);
  element.srcObject = stream;
  parent.appendChild(element);
  // Muted media may autoplay; a rejection (element released early) needs no handling.
  element.play().catch(() => undefined);
  let released = false;
  return {
    attached: true,
    release() {
      if (released) return;
      released = true;
      element.pause();
      element.srcObject = null;
      element.remove();
    },
  };
}
