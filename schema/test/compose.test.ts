import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { composeSupergraph, SUPERGRAPH_PATH, subgraphSdlPath } from '../compose.ts';

describe('composition', () => {
  const result = composeSupergraph();

  it('composes the five subgraphs without errors', () => {
    expect('errors' in result ? result.errors : []).to.deep.equal([]);
  });

  it('matches the committed schema/supergraph.graphql (run `npm run compose` when it does not)', () => {
    expect('supergraphSdl' in result && result.supergraphSdl === readFileSync(SUPERGRAPH_PATH, 'utf8')).to.equal(true);
  });

  it('uses every federation feature the domain calls for', () => {
    const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect({
      requires: /requires: "homeZip aseCurrentTestCodes icarProLevels \{ role level \}"/.test(sdl),
      provides: /provides: "name"/.test(sdl),
      progressiveOverride: /override: "icar", overrideLabel: "percent\(25\)"/.test(sdl),
      entityInterface: /type AseCertification implements Credential/.test(sdl) && /@join__implements\(graph: DIRECTORY, interface: "Credential"\)/.test(sdl),
      inaccessibleBirthDate: /birthDate: String! @inaccessible @join__field\(graph: DIRECTORY\)/.test(sdl),
      publicTag: /@tag\(name: "public"\)/.test(sdl),
    }).to.deep.equal({ requires: true, provides: true, progressiveOverride: true, entityInterface: true, inaccessibleBirthDate: true, publicTag: true });
  });

  it('fails, naming the problem, when a subgraph breaks another one\'s contract', () => {
    // wrenchway requires Person.homeZip from the directory: drop it and composition must fail.
    const names = ['directory', 'ase', 'icar', 'cref', 'wrenchway'];
    const services = names.map((name) => {
      let sdl = readFileSync(subgraphSdlPath(name), 'utf8');
      if (name === 'directory') sdl = sdl.replace(/^\s*"Home ZIP code[^\n]*\n\s*homeZip: String! @inaccessible$/m, '');
      return { name, url: `http://localhost/${name}`, typeDefs: parse(sdl) };
    });
    const broken = composeServices(services);
    expect(broken.errors?.map((e) => e.extensions?.code)).to.include('EXTERNAL_MISSING_ON_BASE');
  });
});
