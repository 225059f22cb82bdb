import { useState, type DragEvent } from 'react';
import { isAvatarLoadError } from '../avatar/avatar-load-error';
import { shippedAvatarThumbnailUrl } from '../avatar/avatar-thumbnails';
import { SHIPPED_AVATARS } from '../avatar/shipped-avatars';
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

/** Parses the VRM with the same loader the space uses (fetched on first use: it brings three.js). */
async function parseLocally(bytes: ArrayBuffer): Promise<string> {
  const { disposeVrm, loadVrm } = await import('../avatar/load-vrm');
  const loaded = await loadVrm(bytes);
  disposeVrm(loaded.vrm);
  return loaded.vrmVersion;
}

/** One avatar card: a radio (arrow keys move between cards), its picture and its name. */
function AvatarCard({ id, name, colour, picture, checked, onChoose }: { id: string; name: string; colour: string; picture: string | null; checked: boolean; onChoose: () => void }) {
  return (
    <label className={checked ? 'avatar-card selected' : 'avatar-card'} style={{ borderColor: checked ? colour : undefined }} data-testid="avatar-card" data-avatar={id}>
      <input type="radio" name="avatar" value={id} checked={checked} onChange={onChoose} className="visually-hidden" />
      {picture ? (
        <img src={picture} alt="" width={96} height={96} decoding="async" />
      ) : (
        <span className="avatar-initial" style={{ background: colour }} aria-hidden="true">{name.slice(0, 1)}</span>
      )}
      <span className="avatar-name">{name}</span>
    </label>
  );
}

/**
 * Avatar choice: cards of the shipped avatars (picture and name; a radio group, so Tab reaches it
 * and the arrow keys choose), or the player's own VRM from a file, drag-and-drop or URL. An own
 * VRM is parsed locally first, then uploaded so every peer can load it; on any failure the
 * current avatar stays selected and the reason is shown.
 */
export function AvatarChooser({ value, onChange }: AvatarChooserProps) {
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'error' | 'ok'; text: string }>({ kind: 'idle', text: '' });
  const [url, setUrl] = useState('');
  const own = !SHIPPED_AVATARS.some((a) => a.id === value) && value !== '';

  const useBytes = async (read: () => Promise<ArrayBuffer>): Promise<void> => {
    setStatus({ kind: 'busy', text: 'Checking your avatar…' });
    try {
      const bytes = await read();
      await checkVrmFile(bytes);
      const vrmVersion = await parseLocally(bytes.slice(0));
      setStatus({ kind: 'busy', text: 'Uploading…' });
      const uploaded = await uploadAvatar(bytes);
      onChange(uploaded.avatarId);
      setStatus({ kind: 'ok', text: `Your VRM ${vrmVersion} avatar is ready.` });
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
      <div className="avatar-list" role="radiogroup" aria-label="Avatar">
        {SHIPPED_AVATARS.map((a) => (
          <AvatarCard key={a.id} id={a.id} name={a.name} colour={a.colour} picture={shippedAvatarThumbnailUrl(a.id)} checked={a.id === value} onChoose={() => onChange(a.id)} />
        ))}
        {own ? <AvatarCard id={value} name="Your own" colour="#455a64" picture={null} checked onChoose={() => undefined} /> : null}
      </div>
      <details className="own-avatar">
        <summary>Use your own VRM</summary>
        <p className="hint">Drop a .vrm here, choose a file or give a URL (≤ 10 MB, VRM 1.0 or 0.x).</p>
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
          <button type="submit" className="secondary">Use URL</button>
        </form>
      </details>
      {status.text ? <p className={`status ${status.kind}`} role="status" data-testid="avatar-status">{status.text}</p> : null}
    </fieldset>
  );
}
