import { useEffect, useState } from 'react';
import { createPlaceholderAvatar, type AvatarFactory, type AvatarInstance } from '../avatar/avatar-instance';

/**
 * The avatar for `avatarId`: a placeholder at once, replaced by the loaded model. A failed load
 * keeps the placeholder (and logs why). The effect that creates an instance also disposes it, so
 * StrictMode's double mount and id changes cancel cleanly. Null before the first effect runs.
 */
export function useAvatar(avatarId: string, factory: AvatarFactory): AvatarInstance | null {
  const [avatar, setAvatar] = useState<AvatarInstance | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const placeholder = createPlaceholderAvatar();
    let loaded: AvatarInstance | null = null;
    setAvatar(placeholder);
    factory(avatarId, controller.signal).then(
      (instance) => {
        if (controller.signal.aborted) return instance.dispose();
        loaded = instance;
        setAvatar(instance);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) console.warn(`avatar "${avatarId}" failed to load:`, error);
      },
    );
    return () => {
      controller.abort();
      placeholder.dispose();
      loaded?.dispose();
    };
  }, [avatarId, factory]);
  return avatar;
}
