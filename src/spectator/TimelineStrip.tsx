import { useEffect, useRef } from 'react';
import { DEFAULT_TIMELINE_LIMITS, timelineSpans, type TimelineEntry } from '../state';
import { EMOTION_COLOURS } from '../shared/emotion-colours';

/** Props of TimelineStrip. */
export interface TimelineStripProps {
  readonly entries: readonly TimelineEntry[];
  readonly windowMs?: number;
}

/**
 * A player's emotion over the last five minutes as a coloured strip (newest at the right); bar
 * height is the confidence. Redrawn when the entries change and once a second as time moves.
 */
export function TimelineStrip({ entries, windowMs = DEFAULT_TIMELINE_LIMITS.windowMs }: TimelineStripProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const draw = (): void => {
      const el = canvas.current;
      const ctx = el?.getContext('2d');
      if (!el || !ctx) return;
      const now = Date.now();
      ctx.clearRect(0, 0, el.width, el.height);
      ctx.fillStyle = 'rgba(255,255,255,0.06)';
      ctx.fillRect(0, 0, el.width, el.height);
      for (const span of timelineSpans(entries, now, windowMs)) {
        const x0 = ((span.fromMs - (now - windowMs)) / windowMs) * el.width;
        const x1 = ((span.toMs - (now - windowMs)) / windowMs) * el.width;
        const h = Math.max(0.15, span.confidence) * el.height;
        ctx.fillStyle = EMOTION_COLOURS[span.label];
        ctx.fillRect(x0, el.height - h, Math.max(1, x1 - x0), h);
      }
    };
    draw();
    const timer = setInterval(draw, 1000);
    return () => clearInterval(timer);
  }, [entries, windowMs]);
  return <canvas ref={canvas} width={240} height={18} className="timeline" aria-label="Emotion over the last 5 minutes" />;
}
