from reportdesk.cli import main

raise SystemExit(main())
