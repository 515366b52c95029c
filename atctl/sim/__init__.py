"""Simulated modules behind the pyserial URL `sim://<module-id>?<options>`.

    import atctl, serial
    port = serial.serial_for_url("sim://quectel-bg95-m3?network=de-telekom&latency=0.05")

Options (query string):
  network=<scenario>   see atctl.sim.scenarios.SCENARIOS (default de-telekom)
  latency=<s>          delay of every response (default 0)
  echo=0|1             echo at power-on (default 1, like real modules)
  seed=<int>           identities and random faults are derived from it (default 1)
  fragment=<n>         deliver at most n bytes per read
  garbage=<rate>       probability of junk bytes before each output line
  drop_urc=<p>         probability of dropping each URC (1 = all)
  reboot_after=<n>     reboot instead of answering the n-th command
  stall=<prefix>       never answer commands starting with prefix (e.g. AT+COPS)
  die_after=<n>        stop answering anything after n commands
  cme=<prefix>[:code]  answer commands starting with prefix with +CME ERROR (default code 100)
  ignore=<prefix>      answer set commands (with "=") starting with prefix OK without applying them
  late=<prefix>        answer commands starting with prefix only after the next command is sent
  urc_storm=<rate>     probability of an unrelated URC before each reply
  boot=<s>             still booting for s seconds after open (silent, then RDY)
  reboot_time=<s>      how long each later reboot takes (default 0.3; silent meanwhile)
  sim=ready|absent|pin SIM state (default ready)
  pin=<4-8 digits>     the PIN the simulated SIM expects with sim=pin (default 1234)
  reg_delay=<s>        time from attach to registration (default from the scenario)
  psm=grant|refuse|clamp:<tau>[:<active>]|round   network PSM policy override
  edrx=grant|refuse|<cycle seconds>               network eDRX policy override
  reject=<cause>       deny registration with this EMM cause
  cmee=0|1|2           error reporting at power-on (default 1)
  nvm=<file>           keep the module's non-volatile settings in this JSON file across opens
                       (so `atctl apply` and a later `atctl verify` see the same module)
  A + is taken literally (stall=AT+CPSMS); %XX escapes are decoded. An unknown option or a
  value out of range is refused (exit 2); the table is atctl.sim.options.OPTIONS.

Registering the scheme needs only `import atctl` (see atctl/__init__.py).
"""
