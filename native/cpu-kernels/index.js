// The compiled addon; requiring this package throws when the build failed or is missing.
module.exports = require('./build/Release/cpu_kernels.node');
