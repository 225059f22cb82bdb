import { useFrame } from '@react-three/fiber';
import { useXRInputSourceState, XRSpace } from '@react-three/xr';
import { useEffect, useMemo, useState } from 'react';
import { useSceneServices } from '../scene/scene-services';
import { MenuButton } from './MenuButton';
import { MENU_TAB_OFFSET, MENU_TOGGLE_BUTTON, WRIST_MENU_POSITION, WRIST_MENU_ROTATION } from './menu-layout';
import { XRMenu, type XRMenuProps } from './XRMenu';

/**
 * The menu worn on the left controller like a watch: closed, a small "menu" tab; open, the full
 * panel (XRMenu). The X button toggles it, as does the tab or the panel's close button with the
 * other controller's ray. Renders nothing until a left controller is tracked.
 */
export function WristMenu({ onLeave, onStartActivity }: Omit<XRMenuProps, 'onClose'>) {
  const { stats } = useSceneServices();
  const left = useXRInputSourceState('controller', 'left');
  const [open, setOpen] = useState(false);
  const button = useMemo(() => ({ down: false }), []);
  useEffect(() => void (stats.wristMenu.open = open), [stats, open]);
  useEffect(() => () => void (stats.wristMenu.open = false), [stats]);

  useFrame(() => {
    // React state changes only on a press, never per frame.
    const pressed = left?.inputSource.gamepad?.buttons[MENU_TOGGLE_BUTTON]?.pressed ?? false;
    if (pressed && !button.down) setOpen((o) => !o);
    button.down = pressed;
  });

  if (!left) return null;
  return (
    <XRSpace space={left.inputSource.targetRaySpace}>
      <group position={[...WRIST_MENU_POSITION]} rotation={[...WRIST_MENU_ROTATION]}>
        {open ? (
          <XRMenu onLeave={onLeave} onStartActivity={onStartActivity} onClose={() => setOpen(false)} />
        ) : (
          <MenuButton text="menu (X)" active={false} position={MENU_TAB_OFFSET} onSelect={() => setOpen(true)} />
        )}
      </group>
    </XRSpace>
  );
}
