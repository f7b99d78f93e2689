/**
 * The divider between the list and the details: drag it, or focus it and use the arrow keys
 * (Home and End for the narrowest and widest), to resize the details. A double click, or Enter,
 * puts the width back. The width is a setting, kept by the core.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useApp } from '../../stores/app';

export const DETAIL_MIN_PX = 320;
export const DETAIL_MAX_PX = 900;
const DEFAULT_PX = 420;
const STEP_PX = 24;

const clamp = (px: number) => Math.round(Math.max(DETAIL_MIN_PX, Math.min(DETAIL_MAX_PX, px)));

export function PaneDivider({ width }: { width: number }) {
  const update = useApp((s) => s.updateSettings);
  const setSettings = useApp((s) => s.setSettings);
  const [dragging, setDragging] = useState(false);
  const start = useRef<{ x: number; width: number } | null>(null);

  // While dragging, the width follows the pointer locally; the core hears the final width once.
  const preview = (px: number) => {
    const settings = useApp.getState().settings;
    if (settings !== null) setSettings({ ...settings, detailPaneWidth: clamp(px) });
  };
  const save = (px: number) => void update({ detailPaneWidth: clamp(px) });

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { x: event.clientX, width };
    setDragging(true);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current === null) return;
    // The details are on the right: moving the divider left widens them.
    preview(start.current.width + (start.current.x - event.clientX));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current === null) return;
    save(start.current.width + (start.current.x - event.clientX));
    start.current = null;
    setDragging(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next =
      event.key === 'ArrowLeft'
        ? width + STEP_PX
        : event.key === 'ArrowRight'
          ? width - STEP_PX
          : event.key === 'Home'
            ? DETAIL_MIN_PX
            : event.key === 'End'
              ? DETAIL_MAX_PX
              : event.key === 'Enter'
                ? DEFAULT_PX
                : null;
    if (next === null) return;
    event.preventDefault();
    save(next);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the token details"
      aria-valuemin={DETAIL_MIN_PX}
      aria-valuemax={DETAIL_MAX_PX}
      aria-valuenow={width}
      aria-valuetext={`Details ${width} pixels wide`}
      tabIndex={0}
      className={`pane-divider${dragging ? ' dragging' : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => save(DEFAULT_PX)}
      onKeyDown={onKeyDown}
    />
  );
}
