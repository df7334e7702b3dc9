#!/usr/bin/env python3
"""Makes the small .npy fixtures of NpyTest: orders, byte orders, versions and one unsupported dtype."""
import numpy as np
import numpy.lib.format as fmt

m = np.arange(6, dtype=np.float64).reshape(2, 3) / 7
np.save('c_f8.npy', m)
np.save('fortran_f8.npy', np.asfortranarray(m))
np.save('big_f4.npy', (np.arange(3, dtype='>f4') + 0.5))
np.save('vec_f4.npy', np.linspace(-1, 1, 5, dtype=np.float32))
np.save('int16.npy', np.arange(4, dtype=np.int16))
with open('v2_f8.npy', 'wb') as f:
    fmt.write_array(f, m, version=(2, 0))
