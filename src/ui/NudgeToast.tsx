import { NudgeLevel, type NudgeView } from '../shared/engagement';
import { nudgeText } from './engagement-text';

/** Props of {@link NudgeToast}. */
export interface NudgeToastProps {
  readonly nudge: NudgeView;
  /** "I'm here". */
  readonly onAnswer: () => void;
  /** "Don't remind me" for this session. */
  readonly onSilence: () => void;
  /** Level 3: join the group activity (asks the room for it). */
  readonly onJoinActivity: () => void;
}

/**
 * The desktop player's private nudge: a toast in the corner, only on this screen. Level 3 adds
 * the invitation to the group activity and the suggestion of a break.
 */
export function NudgeToast({ nudge, onAnswer, onSilence, onJoinActivity }: NudgeToastProps) {
  const { title, body } = nudgeText(nudge.level);
  return (
    <aside className={`nudge level-${nudge.level}`} role="status" aria-live="polite" data-testid="nudge" data-level={nudge.level}>
      <strong>{title}</strong>
      <p>{body}</p>
      <div className="nudge-actions">
        {nudge.level === NudgeLevel.invite ? (
          <>
            <button type="button" onClick={onJoinActivity} data-testid="nudge-join">Play Emotion Echo</button>
            <button type="button" className="secondary" onClick={onAnswer} data-testid="nudge-break">I’ll take a break</button>
          </>
        ) : null}
        <button type="button" onClick={onAnswer} data-testid="nudge-answer">I’m here</button>
        <button type="button" className="secondary" onClick={onSilence} data-testid="nudge-silence">Don’t remind me</button>
      </div>
    </aside>
  );
}
