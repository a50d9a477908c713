// The architectures have one home, @snn/snn-layers (`buildFnn` builds them); the grid modules
// import them from there or through this file.
export { ARCHITECTURES, type Architecture } from '@snn/snn-layers';
