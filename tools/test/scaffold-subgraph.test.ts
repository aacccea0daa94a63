import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { scaffoldSubgraph, subgraphNames } from '../src';

const repository = resolve(__dirname, '../..');

/** A copy of the repository's files (not node_modules, which it links to), committed on `main`. */
function copyOfRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'nlai-scaffold-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: repository, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(repository, file))) continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(repository, file), join(root, file));
  }
  symlinkSync(join(repository, 'node_modules'), join(root, 'node_modules'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.org', 'commit', '-qm', 'base');
  return root;
}

describe('npm run subgraph:new', () => {
  let root: string;
  beforeAll(() => {
    root = copyOfRepository();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('scaffolds a subgraph that composes, passes schema:check and its own tests, registered everywhere', () => {
    const cli = spawnSync(
      process.execPath,
      [resolve(__dirname, '../dist/subgraph-new-cli.js'), '--root', root, '--name', 'ai-skills', '--entity', 'Skill', '--no-install'],
      { encoding: 'utf8' },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('Created the Ai Skills subgraph (@nlai/ai-skills) in services/ai-skills, entity Skill, port 4003.');

    // The house shape.
    for (const file of [
      'src/schema.graphql',
      'src/entities/skill.entity.ts',
      'src/migrations/sqlite',
      'src/migrations/mysql',
      'src/seed/seed.ts',
      'src/resolvers/Skill.ts',
      'src/resolvers-types.yaml',
      'src/generated/resolvers-types.ts',
      'src/subgraph.ts',
      'src/index.ts',
      'test/subgraph.test.ts',
      'README.md',
    ]) {
      expect(existsSync(join(root, 'services/ai-skills', file))).toBe(true);
    }
    // Only its domain: the kit serves it, and one Dockerfile builds every subgraph.
    for (const file of ['src/server.ts', 'src/config.ts', 'src/data-source.ts', 'src/migrate.ts', 'Dockerfile']) {
      expect(existsSync(join(root, 'services/ai-skills', file))).toBe(false);
    }

    // Registered: composition config, compose (service, database password, gateway URL and secret), MySQL init, CODEOWNERS.
    const config = parseYaml(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8'));
    expect(config.subgraphs['ai-skills']).toEqual({
      routing_url: 'http://localhost:4003/graphql',
      schema: { file: '../services/ai-skills/src/schema.graphql' },
    });
    const compose = parseYaml(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
    expect(compose.services['ai-skills'].environment.AI_SKILLS_DATABASE_URL).toBe(
      'mysql://ai_skills:${AI_SKILLS_MYSQL_PASSWORD:-ai-skills-dev}@mysql:3306/ai_skills',
    );
    expect(compose.services.mysql.environment.AI_SKILLS_MYSQL_PASSWORD).toBeDefined();
    expect(compose.services.gateway.environment.AI_SKILLS_URL).toBe('http://ai-skills:4003/graphql');
    expect(compose.services.gateway.environment.AI_SKILLS_SUBGRAPH_SECRET).toBeDefined();
    expect(compose.services.gateway.depends_on['ai-skills']).toEqual({ condition: 'service_healthy' });
    expect(readFileSync(join(root, 'docker/mysql/init/01-subgraph-databases.sh'), 'utf8')).toMatch(
      /subgraphs=\(research_innovation human_capital ai_skills\)/,
    );
    expect(readFileSync(join(root, '.github/CODEOWNERS'), 'utf8')).toContain('/services/ai-skills/ @nlai/ai-skills-working-group');
    expect(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8')).toContain(
      'AI_SKILLS @join__graph(name: "ai-skills", url: "http://localhost:4003/graphql")',
    );

    // schema:check passes right after it.
    const check = spawnSync(process.execPath, [resolve(repository, 'schema/dist/check-cli.js'), '--root', root], { encoding: 'utf8' });
    expect(check.stdout).toContain('compose the 3 subgraphs to the same API schema');
    expect(check.stdout).toContain('schema:check passed: 11 checks.');
    expect(check.status).toBe(0);

    // Its code is in the house style: the formatter check of CI passes on it.
    const format = spawnSync(join(repository, 'node_modules/.bin/prettier'), ['--check', 'services/ai-skills'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(format.stderr).toBe('');
    expect(format.status).toBe(0);

    // Its own tests pass, after a build as Turborepo would run it.
    const service = join(root, 'services/ai-skills');
    const tool = (name: string) => join(repository, 'node_modules/.bin', name);
    execFileSync(tool('tsc'), ['-p', 'tsconfig.build.json'], { cwd: service, stdio: 'pipe' });
    execFileSync(process.execPath, ['../../scripts/copy-sdl.mjs'], { cwd: service, stdio: 'pipe' });
    execFileSync(tool('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: service, stdio: 'pipe' });
    const tests = spawnSync(tool('jest'), ['--ci'], { cwd: service, encoding: 'utf8' });
    expect(tests.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(tests.status).toBe(0);
  });

  it('refuses a name that is taken or not kebab-case, writing nothing', async () => {
    await expect(scaffoldSubgraph({ root, name: 'human-capital' })).rejects.toThrow(/exists already/);
    await expect(scaffoldSubgraph({ root, name: 'Human_Capital' })).rejects.toThrow(/kebab-case/);
    await expect(scaffoldSubgraph({ root, name: 'labs-again', entity: 'Lab' })).rejects.toThrow(/has a type Lab already/);
    expect(existsSync(join(root, 'services/labs-again'))).toBe(false);
  });
});

describe('subgraph names', () => {
  it('derives every spelling from the kebab-case name', () => {
    expect(subgraphNames('ai-skills')).toMatchObject({
      package: '@nlai/ai-skills',
      prefix: 'AI_SKILLS',
      database: 'ai_skills',
      entity: 'AiSkill',
      entityPlural: 'aiSkills',
      entityKebab: 'ai-skill',
      writeScope: 'ai-skills:write',
    });
    expect(subgraphNames('courses', 'Course').entityPlural).toBe('courses');
  });

  it('names the list field with the English plural, not a final "s" added to anything', () => {
    expect(subgraphNames('mobility')).toMatchObject({ entity: 'Mobility', entityCamel: 'mobility', entityPlural: 'mobilities' });
    expect(subgraphNames('research-facilities')).toMatchObject({ entity: 'ResearchFacility', entityPlural: 'researchFacilities' });
    expect(subgraphNames('staff', 'Person').entityPlural).toBe('people');
  });

  it('refuses an entity whose plural is the word itself: its list field and its single field would clash', () => {
    expect(() => subgraphNames('equipment')).toThrow(
      '--entity: "Equipment" has no plural of its own, so its list field would clash with equipment(id:); name a countable entity with --entity.',
    );
  });
});
