import type { ParamSpec } from '../catalog/types.js';

/** The port a listening source asks for (shared by from_tcp and from_http_server). */
export function portParam(protocol: string, placeholder: string): ParamSpec {
  return {
    name: 'port',
    label: 'Port',
    kind: 'integer',
    required: true,
    min: 0,
    max: 65535,
    placeholder,
    doc: `The ${protocol} port to listen on (0: any free port).`,
  };
}

/** The address a listening source binds; this machine only unless the person says otherwise. */
export const hostParam: ParamSpec = {
  name: 'host',
  label: 'Address',
  kind: 'string',
  default: '127.0.0.1',
  min: 1,
  max: 255,
  doc: 'The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for every interface.',
};
