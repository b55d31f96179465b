/**
 * Tabs as the WAI-ARIA pattern has them: a tab list operated with the arrow keys, Home and End (one
 * tab stop), each tab controlling its panel. Switching tabs keeps the page's unsaved edits.
 */
import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

export function Tabs<K extends string>({
  label,
  tabs,
  current,
  onSelect,
  children,
}: {
  label: string;
  tabs: readonly { key: K; label: string }[];
  current: K;
  onSelect: (key: K) => void;
  /** The panel of the current tab. */
  children: ReactNode;
}) {
  const ids = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(
    0,
    tabs.findIndex((tab) => tab.key === current),
  );
  const move = (event: KeyboardEvent) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.key);
    buttons.current[next]?.focus();
  };
  return (
    <>
      <div className="studio-tabs" role="tablist" aria-label={label} onKeyDown={move}>
        {tabs.map((tab, i) => (
          <button
            key={tab.key}
            ref={(element) => {
              buttons.current[i] = element;
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${tab.key}`}
            aria-selected={tab.key === current}
            aria-controls={`${ids}-panel`}
            tabIndex={tab.key === current ? 0 : -1}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        className="studio-tab-panel"
        role="tabpanel"
        id={`${ids}-panel`}
        aria-labelledby={`${ids}-tab-${current}`}
      >
        {children}
      </div>
    </>
  );
}
