// The body as pretty-printed text, one virtualized line at a time (a 5 MB body is ~200k lines).
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

const LINE_HEIGHT = 18;

export function RawView({ text, label, height = 420 }: { text: string; label: string; height?: number }) {
  const lines = useMemo(() => text.split('\n'), [text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions the React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });
  return (
    <div ref={scrollRef} className="raw-scroll" style={{ height }} aria-label={label} role="region">
      <pre style={{ height: virtualizer.getTotalSize(), position: 'relative', margin: 0 }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.index} className="raw-line" style={{ transform: `translateY(${item.start}px)`, height: LINE_HEIGHT }}>
            {lines[item.index]}
          </div>
        ))}
      </pre>
    </div>
  );
}
