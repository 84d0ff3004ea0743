import { expect } from 'chai';
import { activeLabelKey, createOverrideLabelPolicy, overrideLabelsIn } from '../src/plugins/progressiveOverride.ts';
import { parseOverrideLabels } from '../src/config.ts';

describe('progressive override labels', () => {
  it('finds the labels a supergraph uses', () => {
    const sdl = 'a @join__field(graph: A, overrideLabel: "percent(25)") b @join__field(graph: B, override: "a", overrideLabel: "percent(25)") c @join__field(graph: C, overrideLabel: "beta")';
    expect(overrideLabelsIn(sdl)).to.deep.equal(['beta', 'percent(25)']);
  });

  it('turns percent(N) on for N% of requests', () => {
    let i = 0;
    const sequence = Array.from({ length: 100 }, (_, k) => k / 100);
    const policy = createOverrideLabelPolicy(['percent(25)'], {}, () => sequence[i++ % 100]!);
    const on = Array.from({ length: 100 }, () => policy.decide().get('percent(25)')).filter(Boolean).length;
    expect(on).to.equal(25);
  });

  it('lets the operator force a label on or off, and leaves unknown labels off', () => {
    const policy = createOverrideLabelPolicy(['percent(25)', 'percent(90)', 'beta'], { 'percent(25)': true, 'percent(90)': false }, () => 0);
    expect([...policy.decide()]).to.deep.equal([['percent(25)', true], ['percent(90)', false], ['beta', false]]);
  });

  it('keys plans by the labels that are on', () => {
    expect(activeLabelKey(new Map([['b', true], ['a', true], ['c', false]]))).to.equal('a,b');
  });

  it('parses OVERRIDE_LABELS and rejects malformed entries', () => {
    expect(parseOverrideLabels('percent(25)=on, beta=off')).to.deep.equal({ 'percent(25)': true, beta: false });
    expect(() => parseOverrideLabels('percent(25)')).to.throw('OVERRIDE_LABELS entries must look like label=on or label=off');
  });
});
