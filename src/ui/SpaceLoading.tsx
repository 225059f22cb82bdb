/** Props of SpaceLoading. */
export interface SpaceLoadingProps {
  /** The step under way, 1-based, and how many there are. */
  readonly step: number;
  readonly steps: number;
  /** Share of the download done, 0..1 (shown during step 1); null when unknown (the bar then only shows activity). */
  readonly fraction: number | null;
  /** Set when loading failed: why, in a sentence; the screen then offers Try again and Back. */
  readonly problem?: string | null;
  /** Failed attempts so far: after the second, reloading the page is offered too. */
  readonly attempts?: number;
  readonly onRetry: () => void;
  readonly onReload: () => void;
  readonly onBack: () => void;
}

const STEP_TEXT = ['Downloading the 3D space', 'Starting the space'] as const;

/**
 * What the visitor sees between pressing Join (or Watch) and the space: which step is under way,
 * with a percentage while downloading; or, when a part of the app could not be downloaded, the
 * reason with Try again and Back (the landing page keeps everything they entered), and after a
 * second failure Reload (the remembered profile survives it).
 */
export function SpaceLoading({ step, steps, fraction, problem, attempts = 1, onRetry, onReload, onBack }: SpaceLoadingProps) {
  if (problem) {
    return (
      <main className="landing space-loading" data-testid="space-loading" data-state="failed">
        <h1>EmoTone</h1>
        <p role="alert" className="error-note" data-testid="space-load-error">
          The space did not load: {problem}. Check the connection and try again; what you entered is kept.
        </p>
        <div className="actions">
          <button type="button" onClick={onRetry} data-testid="space-load-retry">Try again</button>
          {attempts >= 2 ? <button type="button" className="secondary" onClick={onReload} data-testid="space-load-reload">Reload the page</button> : null}
          <button type="button" className="secondary" onClick={onBack} data-testid="space-load-back">Back</button>
        </div>
      </main>
    );
  }
  const shown = step === 1 ? fraction : null; // the percentage is the download's
  const percent = shown === null ? null : Math.round(shown * 100);
  const text = STEP_TEXT[step - 1] ?? 'Loading';
  return (
    <main className="landing space-loading" data-testid="space-loading" data-state="loading" aria-busy="true">
      <h1>EmoTone</h1>
      <p role="status" data-testid="space-load-step">
        Step {step} of {steps}: {text}…{percent === null ? null : ` ${percent} %`}
      </p>
      <progress max={1} {...(shown === null ? {} : { value: shown })} aria-label={text} style={{ width: '100%' }} />
    </main>
  );
}
