/*
 * The few BLAS calls snn-native makes beyond cblas_sgemm, for the two libraries it links:
 * OpenBLAS (default) or BLIS (built with -DSNN_BLIS). Both come statically from Debian's
 * libopenblas-pthread-dev / libblis-dev, so the addon needs no BLAS at run time.
 */
#ifndef SNN_NATIVE_BLAS_H
#define SNN_NATIVE_BLAS_H

#ifdef SNN_BLIS
#include <blis.h>
#include <cblas.h>
static inline const char *blas_config(void) {
  static char config[96];
  snprintf(config, sizeof config, "BLIS %s %s", bli_info_get_version_str(),
           bli_arch_string(bli_arch_query_id()));
  return config;
}
static inline void blas_set_threads(int n) { bli_thread_set_num_threads(n); }
static inline int blas_get_threads(void) {
  const int n = (int)bli_thread_get_num_threads();
  return n > 0 ? n : 1;
}
static inline int blas_get_cores(void) { return (int)sysconf(_SC_NPROCESSORS_ONLN); }
#else
#include <cblas.h>
static inline const char *blas_config(void) {
  /* e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64" */
  return openblas_get_config();
}
static inline void blas_set_threads(int n) { openblas_set_num_threads(n); }
static inline int blas_get_threads(void) { return openblas_get_num_threads(); }
static inline int blas_get_cores(void) { return openblas_get_num_procs(); }
#endif

#endif
