// jsdom has no layout: every element measures 0×0, so virtualized lists would render nothing.
// Test files call this to give scroll containers a size (TanStack Virtual reads clientWidth/Height).
import { afterAll, beforeAll } from 'vitest';

export function stubLayout(width = 1200, height = 800) {
  const proto = HTMLElement.prototype as unknown as Record<string, unknown>;
  beforeAll(() => {
    Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width });
    Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height });
  });
  afterAll(() => {
    // Back to jsdom's own getters on Element.prototype.
    delete proto.clientWidth;
    delete proto.clientHeight;
  });
}
