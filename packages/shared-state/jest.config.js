module.exports = { preset: '@nlai/jest-preset' };
