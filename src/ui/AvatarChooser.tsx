import { useState, type DragEvent } from 'react';
import { disposeVrm, isAvatarLoadError, loadVrm, SHIPPED_AVATARS } from '../avatar';
import { AvatarUploadError, checkVrmFile, fetchVrmFromUrl, uploadAvatar } from './avatar-upload';

/** Props of AvatarChooser. */
export interface AvatarChooserProps {
  readonly value: string;
  readonly onChange: (avatarId: string) => void;
}

function explain(error: unknown): string {
  if (error instanceof AvatarUploadError) return error.message;
  if (isAvatarLoadError(error)) return `This VRM cannot be used (${error.code}): ${error.message}`;
  return `This VRM cannot be used: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Avatar choice: the shipped avatars, or the player's own VRM from a file, drag-and-drop or URL.
 * An own VRM is parsed locally first, then uploaded so every peer can load it; on any failure the
 * current (shipped) avatar stays selected and the reason is shown.
 */
export function AvatarChooser({ value, onChange }: AvatarChooserProps) {
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'error' | 'ok'; text: string }>({ kind: 'idle', text: '' });
  const [url, setUrl] = useState('');

  const useBytes = async (read: () => Promise<ArrayBuffer>): Promise<void> => {
    setStatus({ kind: 'busy', text: 'Checking your avatar…' });
    try {
      const bytes = await read();
      await checkVrmFile(bytes);
      const loaded = await loadVrm(bytes.slice(0));
      disposeVrm(loaded.vrm);
      setStatus({ kind: 'busy', text: 'Uploading…' });
      const uploaded = await uploadAvatar(bytes);
      onChange(uploaded.avatarId);
      setStatus({ kind: 'ok', text: `Your VRM ${loaded.vrmVersion} avatar is ready.` });
    } catch (error) {
      setStatus({ kind: 'error', text: `${explain(error)} You keep your current avatar.` });
    }
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) void useBytes(() => file.arrayBuffer());
  };

  return (
    <fieldset className="avatar-chooser" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="avatar-chooser">
      <legend>Avatar</legend>
      <div className="avatar-list">
        {SHIPPED_AVATARS.map((a) => (
          <button key={a.id} type="button" className={a.id === value ? 'chip selected' : 'chip'} style={{ borderColor: a.colour }} onClick={() => onChange(a.id)}>
            {a.name}
          </button>
        ))}
      </div>
      <p className="hint">…or drop your own .vrm here (≤ 10 MB, VRM 1.0 or 0.x).</p>
      <label className="file">
        Choose a VRM file
        <input type="file" accept=".vrm,.glb,model/gltf-binary" data-testid="vrm-file" onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void useBytes(() => file.arrayBuffer());
        }} />
      </label>
      <form className="url-row" onSubmit={(e) => {
        e.preventDefault();
        if (url.trim()) void useBytes(() => fetchVrmFromUrl(url.trim()));
      }}>
        <input type="url" placeholder="https://…/avatar.vrm" value={url} onChange={(e) => setUrl(e.currentTarget.value)} aria-label="VRM URL" />
        <button type="submit">Use URL</button>
      </form>
      {status.text ? <p className={`status ${status.kind}`} role="status" data-testid="avatar-status">{status.text}</p> : null}
    </fieldset>
  );
}
